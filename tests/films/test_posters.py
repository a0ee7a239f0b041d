"""Generated posters: the same film always looks the same; titles break between words."""

import pytest

from core.content import guess_lang
from films.posters import _backdrop, _lines, palette, poster_svg
from tests.deploy.test_configuration import manage


def lines_of(title: str, keep: tuple[str, ...] = ()) -> list[str]:
    return _lines(title, cjk=guess_lang(title) == "zh-Hans", keep=keep)[0]


def test_posters_are_deterministic_and_differ_between_films(works, tmp_path):
    """Every web worker, and every release, draws a film's poster alike: the colours and
    ornament come from its slug alone, never from a per-process seed such as hash()."""
    here = str(_backdrop("wheat-harvest", "poster-wheat-harvest")).strip()
    assert here in poster_svg(works["wheat"])
    draw = (
        "from films.posters import _backdrop\n"
        "print(_backdrop('wheat-harvest', 'poster-wheat-harvest'))"
    )
    for seed in ("1", "2"):  # two other processes, each with its own string hashes
        env = {"FILMBASE_VAR_DIR": str(tmp_path), "PYTHONHASHSEED": seed}
        result = manage("shell", "-v", "0", "-c", draw, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == here
    assert palette("wheat-harvest") != palette("the-courier")


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("Wheat Harvest", ["Wheat", "Harvest"]),
        ("New World", ["New World"]),
        # Longer titles get longer lines, at most four, the last one cut with an ellipsis.
        (
            "The Last Line of Defense Against the Night",
            ["The Last Line of", "Defense Against", "the Night"],
        ),
        ("A " * 40, ["A A A A A A A A", "A A A A A A A A", "A A A A A A A A", "A A A A A A A…"]),
        # A hyphen is not a break.
        ("Sci-fi Homecoming", ["Sci-fi", "Homecoming"]),
        ("麦收", ["麦收"]),
    ],
)
def test_latin_titles_break_at_spaces_into_at_most_four_lines(title, lines):
    assert lines_of(title) == lines


def test_a_word_longer_than_a_line_is_cut_to_fit():
    lines = lines_of("To Supercalifragilistic")
    assert "".join(lines).replace(" ", "") == "ToSupercalifragilistic"
    assert all(len(line) <= 12 for line in lines)
    lines = lines_of("长" * 30)
    assert all(len(line) <= 7 for line in lines) and len(lines) == 4


@pytest.mark.parametrize(
    ("title", "keep", "lines"),
    [
        # Today's label of an untitled film: the line ends between words.
        ("薛晓路导演的未命名作品", ("薛晓路",), ["薛晓路导演的", "未命名作品"]),
        # A director's name is kept whole even where the dictionary would split it.
        ("李少红导演的未命名作品", ("李少红",), ["李少红导演的", "未命名作品"]),
        (
            "贾樟柯、叶锦添导演的未命名作品",
            ("贾樟柯", "叶锦添"),
            ["贾樟柯、叶锦添", "导演的未命名", "作品"],
        ),
        # Punctuation stays with its word: no line starts with 》 or ends with 《.
        ("一个《未命名》的人工智能故事", (), ["一个《未命名》", "的人工智能故事"]),
    ],
)
def test_chinese_titles_break_between_words(title, keep, lines):
    assert lines_of(title, keep) == lines


@pytest.mark.parametrize(
    "title",
    ["薛晓路导演的未命名作品", "钟馗嫁妹之人工智能作品", "可灵AI导演共创计划的未命名作品"],
)
def test_named_words_are_never_broken(title):
    text = "\n".join(lines_of(title))
    for word in ("命名", "作品", "导演", "人工智能", "共创"):
        if word in title:
            assert word in text, (word, text)
    for line in text.splitlines():
        assert line[0] not in "、，。》：" and line[-1] not in "《"


def test_the_untitled_label_of_a_film_keeps_its_words_on_the_poster(works):
    from django.utils import translation

    film = works["wheat"]
    film.title = film.title_zh = ""
    with translation.override("zh-hans"):
        svg = str(poster_svg(film))
    tspans = [part.split(">", 1)[1] for part in svg.split("</tspan>")[:-1]]
    assert tspans and all("片名" in t or "片" not in t for t in tspans)
    assert all("资料" in t or "资" not in t for t in tspans)
    assert any(t.endswith("作品）") for t in tspans)


def test_a_chinese_poster_names_its_directors_the_chinese_way(works):
    from django.utils import translation

    from tests.films.factories import CreditFactory

    film = works["wheat"]
    CreditFactory(film=film, person=works["yip"], role="director", order=1)
    film = type(film).objects.with_directors().get(pk=film.pk)
    with translation.override("zh-hans"):
        assert "贾樟柯、叶锦添导演作品" in str(poster_svg(film))
    with translation.override("en"):
        assert "A film by Jia Zhangke, Tim Yip" in str(poster_svg(film))


def test_only_a_chinese_title_too_long_for_one_line_loads_the_word_dictionary(tmp_path):
    # rjieba's dictionary costs every process that loads it tens of MB (docs/benchmarks.md):
    # serving pages whose Chinese titles fit one line must not load it.
    script = (
        "import sys\n"
        "from django.template.loader import get_template\n"
        "from django.urls import get_resolver\n"
        "from films.posters import _lines\n"
        "get_resolver().url_patterns\n"
        "get_template('films/film_detail.html')\n"
        "assert _lines('最后的防线', cjk=True)[0] == ['最后的防线']\n"
        "print('rjieba' in sys.modules)\n"
        "print(_lines('百鬼勿扰（片名待确认）', cjk=True)[0])\n"
        "print('rjieba' in sys.modules)\n"
    )
    result = manage("shell", "-v", "0", "-c", script, env={"FILMBASE_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["False", "['百鬼勿扰（片名', '待确认）']", "True"]
