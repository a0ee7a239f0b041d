"""The Chinese edition: full-width punctuation, every note in Chinese, pinyin order.

The catalogue and the seed data are checked as a Chinese editor would read them; the
seed's Chinese is checked for the source keys of its English; the curators' "needs
Chinese" queue lists what has English without Chinese, and nothing of the seed.
"""

import datetime
import re
import tomllib
from pathlib import Path

import polib
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from core.chinese import half_width_marks, pinyin_key, validate_chinese_punctuation
from core.content import bilingual_fields, missing_chinese
from films.models import (
    Citation,
    Collection,
    Film,
    Milestone,
    ProductionStatement,
    Quote,
    Source,
    Theme,
)
from films.seed import DATA_DIR
from people.models import Person, PersonLink
from tests.admin_forms import form_as_posted
from tests.films.factories import CitationFactory, FilmFactory
from tests.people.factories import PersonFactory

PO = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
SOURCE_KEYS = re.compile(r"S\d+")


def _seed_chinese():
    """Yield (where, English, Chinese) for every text of the seed that has a Chinese twin."""
    for path in sorted(DATA_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text())
        yield from _pairs(data, path.stem)


def _pairs(node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key.endswith("_zh"):
                yield f"{where}.{key}", node.get(key[:-3], ""), value
            else:
                yield from _pairs(value, f"{where}.{key}")
    elif isinstance(node, list):
        if len(node) == 4 and all(isinstance(item, str) for item in node):
            yield f"{where} citation", node[2], node[3]  # [key, topic, note, note_zh]
        else:
            for index, item in enumerate(node):
                yield from _pairs(item, f"{where}[{index}]")


SEED_CHINESE = list(_seed_chinese())


def test_the_seed_has_chinese_beside_its_english():
    assert len(SEED_CHINESE) > 300
    missing = [where for where, english, chinese in SEED_CHINESE if english and not chinese]
    assert not missing


def test_seed_chinese_uses_full_width_punctuation():
    wrong = {
        where: half_width_marks(chinese)
        for where, _english, chinese in SEED_CHINESE
        # A film's or a person's name is as the sources print it, not our sentence.
        if not (where.endswith(("title_zh", "name_zh")) and "sources" not in where)
        and half_width_marks(chinese)
    }
    assert not wrong


def test_seed_chinese_cites_the_sources_its_english_cites():
    for where, english, chinese in SEED_CHINESE:
        if "[S" in english:
            keys = set(SOURCE_KEYS.findall(english))
            assert set(SOURCE_KEYS.findall(chinese)) == keys, where


def test_the_examples_a_chinese_reader_expects():
    text = {chinese for _, _, chinese in SEED_CHINESE}
    assert "中国电影博物馆（北京）" in text  # the venue
    assert "译文：filmbase，2026年11月25日" in text
    assert any("约6分钟" in chinese for chinese in text)


def test_the_catalogue_uses_full_width_punctuation():
    catalogue = polib.pofile(str(PO))
    wrong = {}
    for entry in catalogue.translated_entries():
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if found := half_width_marks(PLACEHOLDER.sub("", text)):
                wrong[entry.msgid] = found
    assert not wrong


@pytest.mark.parametrize(
    ("msgid", "chinese"),
    [
        ("Production notes", "制作说明"),
        ("Also given as:", "又作："),
        ("Source:", "出处："),
        ("English title: translation", "英文片名：译名"),
    ],
)
def test_word_choices_of_the_interface(msgid, chinese):
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) == chinese


def test_chinese_dates_counts_and_runtimes():
    with translation.override("zh-hans"):
        assert translation.gettext("about %(minutes)s min") % {"minutes": 6} == "约6分钟"
        line = translation.ngettext(
            "%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”", 4
        ) % {"counter": 4, "query": "钟馗"}
        assert line == "“钟馗”的搜索结果：4条"
        assert date_format(datetime.date(2024, 12, 6), "DATE_FORMAT") == "2024年12月6日"


@pytest.mark.parametrize("text", ["九位导演,九部实验短片", "出处:", "英文片名(译名)", '称为"小王"'])
def test_half_width_punctuation_in_chinese_is_refused(text):
    with pytest.raises(ValidationError, match="full-width"):
        validate_chinese_punctuation(text)


# Our own prose in Chinese, as a curator types it into the admin. Names and titles are
# left out: a tool's or a work's name is written as its makers write it.
CHINESE_PROSE = [
    (model, chinese)
    for model in (Film, Quote, Citation, Source, Collection, Milestone, Theme)
    + (ProductionStatement, Person, PersonLink)
    for _english, chinese in bilingual_fields(model)
    if not chinese.startswith(("name", "title_zh", "work_title", "organiser", "venue"))
]


@pytest.mark.parametrize(
    ("model", "field"), CHINESE_PROSE, ids=[f"{m.__name__}.{f}" for m, f in CHINESE_PROSE]
)
def test_every_chinese_prose_field_refuses_half_width_punctuation(model, field):
    with pytest.raises(ValidationError, match="full-width"):
        model._meta.get_field(field).clean("九位导演,九部实验短片", None)


@pytest.mark.parametrize(
    "text",
    ["九位导演，九部实验短片", "见[S1, S2]。", "新华社英文稿译作“On holiday: No disturbance”。"],
)
def test_full_width_punctuation_and_english_inside_chinese_pass(text):
    validate_chinese_punctuation(text)


def test_the_pinyin_key_sorts_tim_yip_under_y():
    names = ["叶锦添", "贾樟柯", "薛晓路", "俞白眉", "董润年", "张吃鱼", "李少红"]
    ordered = sorted(names, key=pinyin_key)
    assert ordered == ["董润年", "贾樟柯", "李少红", "薛晓路", "叶锦添", "俞白眉", "张吃鱼"]


@pytest.mark.django_db
def test_people_are_listed_by_pinyin_on_chinese_pages_and_by_name_on_english():
    PersonFactory(name="Tim Yip", name_zh="叶锦添")
    PersonFactory(name="Xue Xiaolu", name_zh="薛晓路")
    PersonFactory(name="Jia Zhangke", name_zh="贾樟柯")
    with translation.override("zh-hans"):
        assert [p.name_zh for p in Person.objects.in_reading_order()] == [
            "贾樟柯",
            "薛晓路",
            "叶锦添",
        ]
    with translation.override("en"):
        assert [p.name for p in Person.objects.in_reading_order()] == [
            "Jia Zhangke",
            "Tim Yip",
            "Xue Xiaolu",
        ]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/zh-hans/people/", ["薛晓路", "叶锦添"]),  # X before Y: 叶锦添 is not under T
        ("/people/", ["Tim Yip", "Xue Xiaolu"]),
    ],
)
def test_the_people_page_lists_in_reading_order(client, works, path, expected):
    page = client.get(path).content.decode()
    assert page.index(expected[0]) < page.index(expected[1])


@pytest.mark.django_db
def test_renaming_a_person_moves_them_in_the_pinyin_order():
    person = PersonFactory(name="Tim Yip", name_zh="叶锦添")
    person.name_zh = "安"
    person.save(update_fields=["name_zh"])
    person.refresh_from_db()
    assert person.name_sort_zh.startswith("an ")


def test_every_editorial_text_has_a_chinese_field():
    pairs = {model: dict(bilingual_fields(model)) for model in BILINGUAL_MODELS}
    assert {"title_note", "runtime_note", "synopsis", "production_notes"} <= set(pairs[Film])
    assert {"translation_note", "source_note", "occasion"} <= set(pairs[Quote])
    assert set(pairs[Citation]) == {"note"}
    assert set(pairs[Source]) == {"note"}  # the page's own title is not ours
    assert {"bio", "birth_year_note"} <= set(pairs[Person])
    assert set(pairs[PersonLink]) == {"label"}
    assert {"name", "description", "venue", "organiser"} <= set(pairs[Collection])


BILINGUAL_MODELS = [Film, Quote, Citation, Source, Person, PersonLink, Collection, Theme, Milestone]


@pytest.mark.usefixtures("seeded")
class TestTheSeedNeedsNoChinese:
    @pytest.mark.django_db
    @pytest.mark.parametrize("model", BILINGUAL_MODELS)
    def test_nothing_of_the_seed_misses_chinese(self, model):
        assert model.objects.count()
        assert not model.objects.filter(missing_chinese(model)).exists()

    @pytest.mark.django_db
    def test_a_chinese_page_shows_the_chinese_notes_marked_as_chinese(self, client):
        page = client.get("/zh-hans/films/wheat-harvest/").content.decode()
        # The keys are the page's markers, never shown raw (films/footnotes.py).
        assert re.search(r'<p class="note" lang="zh-Hans">中文片名经<sup class="refs">', page)
        assert "[S8]" not in page
        assert "约6分钟" in page
        assert "Chinese title confirmed" not in page
        english = client.get("/films/wheat-harvest/").content.decode()
        assert '<p class="note" lang="en">Chinese title confirmed by <sup class="refs">' in english
        assert "中文片名经" not in english

    @pytest.mark.django_db
    def test_english_quoted_in_chinese_is_marked_english(self, client):
        page = client.get("/zh-hans/films/no-disturbance-from-ghosts/").content.decode()
        assert '“<span lang="en">During vacation, leave no ghosts alone</span>”' in page
        person = client.get("/zh-hans/people/tim-yip/").content.decode()
        assert '<span class="note" lang="zh-Hans">（尚不确定：' in person

    @pytest.mark.django_db
    def test_the_api_and_the_export_carry_the_chinese_notes(self, client):
        film = client.get("/api/v1/films/wheat-harvest/").json()
        assert film["title_note_zh"].startswith("中文片名经")
        assert film["citations"][0]["note_zh"] == "中文片名《麦收》"
        yip = client.get("/api/v1/people/tim-yip/").json()
        assert yip["birth_year_note_zh"].startswith("尚不确定")
        export = client.get("/api/v1/export/").json()
        sources = {source["key"]: source for source in export["sources"]}
        assert sources["S46"]["title_zh"].startswith("关于可灵全面开放内测")
        assert sources["S1"]["note_zh"] == "首映报道的转载。"
        quotes = export["quotes"]
        assert all(q["translation_note_zh"] for q in quotes if q["translation_note"])

    @pytest.mark.django_db
    def test_the_chinese_directors_page_lists_them_by_pinyin(self, client):
        page = client.get("/zh-hans/directors/").content.decode()
        names = re.findall(r'<span class="title-main" lang="zh-Hans">([^<]+)</span>', page)
        assert names == sorted(names, key=pinyin_key)
        assert names.index("叶锦添") > names.index("薛晓路")  # Ye after Xue: not under T
        assert "按中文姓名的汉语拼音排序。" in page
        english = client.get("/directors/").content.decode()
        assert english.index("Tim Yip") < english.index("Xue Xiaolu")

    @pytest.mark.django_db
    def test_a_note_without_chinese_is_missing_chinese(self):
        citation = Citation.objects.filter(film__slug="wheat-harvest").first()
        citation.note_zh = ""
        citation.save()
        missing = Film.objects.filter(missing_chinese(Film, ("citations",)))
        assert list(missing.values_list("slug", flat=True)) == ["wheat-harvest"]


# -- The admin ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_needs_chinese_queue_lists_entries_with_english_only(curator_client):
    untranslated = FilmFactory(synopsis="", title_note="Chinese title confirmed by [S8].")
    translated = FilmFactory(
        synopsis="", title_note="Confirmed by [S8].", title_note_zh="经[S8]确认。"
    )
    cited = FilmFactory(synopsis="")
    CitationFactory(film=cited, note="Chinese title", note_zh="")
    url = reverse("admin:films_film_changelist")
    listed = curator_client.get(url, {"needs_chinese": "yes"}).context["cl"].result_list
    assert set(listed) == {untranslated, cited}
    assert translated in curator_client.get(url).context["cl"].result_list


@pytest.mark.django_db
def test_the_change_form_flags_a_missing_chinese_note(curator_client):
    film = FilmFactory(synopsis="", runtime_note="Not found.", title_note="Confirmed.")
    film.title_note_zh = "已确认。"
    film.save()
    form = (
        curator_client.get(reverse("admin:films_film_change", args=[film.pk]))
        .context["adminform"]
        .form
    )
    assert "Chinese missing" in str(form.fields["runtime_note_zh"].help_text)
    assert form.fields["runtime_note_zh"].widget.attrs["class"] == "missing-chinese"
    assert "Chinese missing" not in str(form.fields["title_note_zh"].help_text)


@pytest.mark.django_db
def test_the_admin_refuses_half_width_punctuation_in_chinese(curator_client):
    film = FilmFactory(synopsis="")
    url = reverse("admin:films_film_change", args=[film.pk])
    data = form_as_posted(curator_client.get(url), runtime_note_zh="约6分钟,可信度中等")
    response = curator_client.post(url, data)
    assert response.status_code == 200
    assert "full-width" in str(response.context["adminform"].form.errors["runtime_note_zh"])
    film.refresh_from_db()
    assert film.runtime_note_zh == ""
