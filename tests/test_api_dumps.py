"""Dumps for people who want everything: JSON Lines, zipped CSV, gzip; CSV lists."""

import csv
import gzip
import io
import json
import zipfile

import pytest

pytestmark = pytest.mark.django_db


def test_export_as_json_lines_has_a_header_then_one_typed_entity_a_line(api_client, works):
    whole = api_client.get("/api/v1/export/").json()
    response = api_client.get("/api/v1/export/?format=jsonl")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    lines = [json.loads(line) for line in response.content.decode().splitlines()]
    header, entities = lines[0], lines[1:]
    assert header["type"] == "header" and header["schema_version"] == whole["schema_version"]
    assert "CC BY 4.0" in header["licence"]
    films = [line["data"] for line in entities if line["type"] == "film"]
    assert films == whole["films"]
    assert {line["type"] for line in entities} == {
        "collection", "film", "person", "theme", "quote", "source", "milestone"
    }  # fmt: skip
    assert "secret-draft" not in response.content.decode()


def test_export_as_csv_is_a_zip_of_one_file_per_type_with_a_readme(api_client, works):
    response = api_client.get("/api/v1/export/?format=csv")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"README.txt", "films.csv", "people.csv", "quotes.csv", "sources.csv"} <= names
    readme = archive.read("README.txt").decode()
    assert "CC BY 4.0" in readme and "schema version 1" in readme and "结构版本 1" in readme
    raw = archive.read("films.csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    wheat = next(row for row in rows if row["slug"] == "wheat-harvest")
    assert wheat["title_zh"] == "麦收"
    assert json.loads(wheat["directors"])[0]["slug"] == "jia-zhangke"


@pytest.mark.parametrize("dump", ["json", "jsonl", "csv"])
def test_every_dump_revalidates(api_client, token_client, works, dump):
    for client in (api_client, token_client):  # the public cache, and the view itself
        first = client.get(f"/api/v1/export/?format={dump}")
        again = client.get(f"/api/v1/export/?format={dump}", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b""
        star = client.get(f"/api/v1/export/?format={dump}", HTTP_IF_NONE_MATCH="*")
        assert star.status_code == 304


def test_export_is_gzipped_for_clients_that_accept_it(api_client, works):
    plain = api_client.get("/api/v1/export/?format=jsonl")
    assert "Content-Encoding" not in plain
    for _ in range(2):  # rendered, then from the public cache: compressed both times
        packed = api_client.get("/api/v1/export/?format=jsonl", HTTP_ACCEPT_ENCODING="gzip")
        assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 2
    assert "Content-Encoding" not in api_client.get("/api/v1/export/?format=jsonl")
    page = api_client.get("/films/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in page  # pages are never compressed (BREACH)


def test_lists_answer_csv_for_spreadsheets(api_client, works):
    response = api_client.get("/api/v1/films/?format=csv&fields=slug,title_zh,directors")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["slug", "title_zh", "directors"]
    assert rows[1][:2] == ["wheat-harvest", "麦收"]
    paged = api_client.get("/api/v1/quotes/?page_size=1", HTTP_ACCEPT="text/csv")
    assert paged["Content-Type"] == "text/csv; charset=utf-8"
    assert 'rel="next"' in paged["Link"]
    json_again = api_client.get("/api/v1/films/?fields=slug,title_zh,directors")
    assert json_again["Content-Type"] == "application/json"  # not the cached CSV
    assert api_client.get("/api/v1/films/?format=csv&year=x").status_code == 400
    assert api_client.get("/api/v1/films/?format=csv&year=x")["Content-Type"].startswith(
        "application/json"
    )  # errors stay JSON
