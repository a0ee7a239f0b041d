"""The production records of the seed: only what the dossier says, each statement sourced."""

import re
import unicodedata

import pytest

from films.models import Film, ProductionStatement
from films.seed import EXCERPTS_DIR, read

pytestmark = pytest.mark.django_db


def _normalise(text: str) -> str:
    """Fold full-width punctuation and runs of whitespace, and nothing else."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _rows() -> list[dict]:
    data = read("production")
    return data["statements"] + data["project_statements"]


@pytest.mark.parametrize("row", _rows(), ids=lambda row: f"{row.get('film', 'all')}-{row['kind']}")
def test_every_statement_rests_on_words_of_the_excerpts_that_cite_its_sources(row):
    name = "source-article.txt" if row.get("excerpt") == "source-article" else "dossier.md"
    lines = [_normalise(line) for line in (EXCERPTS_DIR / name).read_text("utf-8").splitlines()]
    evidence = _normalise(row["evidence"])
    found = [line for line in lines if evidence in line]
    assert found, f"{evidence!r} is not in {name}"
    assert row["sources"], "a seeded statement names its sources"
    if name == "dossier.md":
        cited = set(re.findall(r"S\d+", " ".join(re.findall(r"\[(S[\d, S]+)\]", found[0]))))
        assert set(row["sources"]) <= cited, (row["sources"], found[0])
    else:
        assert row["sources"] == ["S6"]  # the source article is the dossier's [S6]


def test_inspirations_are_never_based_on_unless_a_source_says_so():
    dossier = (EXCERPTS_DIR / "dossier.md").read_text("utf-8")
    assert "based on" not in dossier.lower()
    relations = {row["relation"] for row in _rows() if row["kind"] == "inspiration"}
    assert relations == {"inspired_by"}


def test_chinese_statements_use_full_width_punctuation():
    for row in _rows():
        text = row["note_zh"]
        assert re.search(r"[\u4e00-\u9fff]", text), text
        assert not re.search(r"[,;:()](?!\d)", text), text
        assert text.endswith("。"), text


@pytest.mark.usefixtures("seeded")
class TestSeededRecords:
    def test_every_film_has_a_record_and_every_statement_a_source(self):
        assert not ProductionStatement.objects.needs_sourcing().exists()
        for film in Film.objects.all():
            assert film.production.exists(), film.slug

    def test_daisy_was_made_by_a_team_of_three_linked_to_their_pages(self):
        team = ProductionStatement.objects.filter(film__slug="daisy", kind="team")
        assert team.get(team_size__isnull=False).team_size == 3
        members = team.filter(person__isnull=False).order_by("order")
        assert [(s.person.name_zh, s.role) for s in members] == [
            ("王子川", "director"),
            ("温维斯", "aigc_artist"),
            ("大刘", "editor"),
        ]
        assert {s.sources.get().key for s in team} == {"S7"}
        assert {s.confidence for s in team} == {"single_source"}

    def test_wheat_harvest_used_face_model_training_and_lip_sync(self):
        tools = ProductionStatement.objects.filter(film__slug="wheat-harvest", kind="tool")
        assert set(tools.values_list("feature", flat=True)) == {"face-model-training", "lip-sync"}
        lip_sync = tools.get(feature="lip-sync")
        assert "Fenyang" in lip_sync.note and "汾阳话" in lip_sync.note_zh
        assert sorted(s.key for s in lip_sync.sources.all()) == ["S3", "S8"]
        assert lip_sync.confidence == "confirmed"
        assert not tools.exclude(model_version="").exists()  # no source gives a version

    def test_inspirations_name_the_work_and_its_author(self):
        defense = ProductionStatement.objects.get(
            film__slug="the-last-line-of-defense", kind="inspiration"
        )
        assert defense.work_title_zh == "保卫南山公园"
        assert defense.person.name_zh == "天瑞说符"
        assert defense.relation == "inspired_by"
        daisy = ProductionStatement.objects.get(film__slug="daisy", kind="inspiration")
        assert daisy.name == "Věra Chytilová" and daisy.person is None
        assert daisy.relation == "inspired_by"
        assert daisy.work_title == ""  # the usual English title is not in the sources

    def test_time_and_cost_are_single_source_claims_about_the_whole_project(self):
        claims = ProductionStatement.objects.filter(kind="time_cost")
        assert claims.count() == 2 * Film.objects.count()
        for claim in claims:
            assert claim.about_project
            assert claim.confidence == "single_source"
            assert [s.key for s in claim.sources.all()] == ["S6"]
        assert {c.note for c in claims.filter(measure="cost")} == {
            "The creators' average cost of using Keling was about 35,000 per work (no currency "
            "given), says the English article on the premiere; no other source consulted says so."
        }

    def test_only_wheat_harvest_has_a_sourced_origin_of_its_images(self):
        origins = ProductionStatement.objects.filter(kind="origin")
        assert [(o.film.slug, o.digital_source_type_uri) for o in origins] == [
            (
                "wheat-harvest",
                "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
            )
        ]

    def test_films_the_dossier_says_nothing_about_have_only_the_project_claims(self):
        for slug in ("hua-man-zhu", "xue-xiaolu-untitled", "wang-maomao-untitled", "new-world"):
            kinds = set(ProductionStatement.objects.filter(film__slug=slug).values_list("kind"))
            assert kinds == {("time_cost",)}, slug
