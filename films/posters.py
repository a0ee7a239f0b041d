"""Generated posters: the works have no images we may use, so each gets one of its own.

A poster is an inline SVG drawn from the film's titles, its directors and a palette
derived from its slug, so the same film always looks the same, on every page and every
machine, with no image file and no extra request. A curator's uploaded poster replaces
it (the `poster` template tag). Every value written into the SVG is escaped by Django's
format_html.
"""

import functools
import hashlib
import re
import textwrap
import unicodedata

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from core.content import guess_lang, is_chinese

# Fonts come from static/css/site.css (.poster-art text): the same system stacks as the
# page, with Chinese glyphs on every platform; no web font is loaded.
WIDTH, HEIGHT = 300, 450
# The text colour, the same on every poster: written into the markup as it is.
INK = "#fdfaf3"


def _digest(key: str) -> bytes:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


def palette(key: str) -> dict[str, str]:
    """Return the poster colours for `key`: a dark two-hue gradient and a light accent."""
    digest = _digest(key)
    hue = int.from_bytes(digest[:2], "big") % 360
    second = (hue + 35 + digest[2] % 70) % 360
    return {
        "top": f"hsl({hue} 55% 20%)",
        "bottom": f"hsl({second} 60% 34%)",
        "accent": f"hsl({(hue + 180) % 360} 80% 78%)",
        "ink": INK,
    }


class _WordWrapper(textwrap.TextWrapper):
    """textwrap's line filling, fed the words of a Chinese text instead of its spaces.

    Chinese has no spaces between words. The words come from rjieba (jieba's dictionary
    segmenter), so that a line ends between 资料 and 导演, never inside either; names
    the caller knows (the directors') are kept whole even where the dictionary would
    split them. Punctuation sticks to its word, as UAX #14 wants: a line never starts
    with 、 or 》 nor ends with 《.
    """

    def __init__(self, width: int, keep: tuple[str, ...] = ()):
        super().__init__(width, break_on_hyphens=False)
        self.keep = [name for name in keep if name]

    def _split(self, text: str) -> list[str]:
        # Imported here, not above: rjieba loads its dictionary into memory, and only a
        # Chinese title too long for one line needs it (_lines). Three of the nine works
        # have one on Chinese pages (untitled, or a title not yet confirmed); English
        # pages, the API and management commands never load it.
        import rjieba  # noqa: PLC0415

        words: list[str] = []
        for piece in _keeping(text, self.keep):
            words.extend([piece] if piece in self.keep else rjieba.cut(piece))
        chunks: list[str] = []
        glue_next = False
        for word in words:
            if glue_next or (chunks and _closes(word)):
                chunks[-1] += word
            else:
                chunks.append(word)
            glue_next = _opens(word)
        return chunks


def _keeping(text: str, names: list[str]) -> list[str]:
    """Split `text` into the `names` in it and the text between them."""
    if not names:
        return [text]
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return [piece for piece in re.split(f"({pattern})", text) if piece]


def _closes(word: str) -> bool:
    """Whether `word` is punctuation that may not start a line (、, 》, ：, …)."""
    return all(unicodedata.category(char) in ("Pe", "Pf", "Po") for char in word)


def _opens(word: str) -> bool:
    """Whether `word` is punctuation that may not end a line (《, “, …)."""
    return bool(word) and all(unicodedata.category(char) in ("Ps", "Pi") for char in word)


def _lines(
    text: str, *, cjk: bool, limit: int = 4, keep: tuple[str, ...] = ()
) -> tuple[list[str], int]:
    """Break a title into at most `limit` lines and pick a font size that fits them.

    Latin titles break at spaces (textwrap), Chinese ones between words; a word longer
    than a line is cut, so that every line fits the poster. `keep`: names to keep whole.
    """
    if cjk:
        width = 5 if len(text) <= 10 else 7
        fits = len(text) <= width and not any(char.isspace() for char in text)
        lines = [text] if fits else _WordWrapper(width, keep).wrap(text)
        size = 52 if width == 5 else 38
    else:
        width = 12 if len(text) <= 24 else 16
        lines = textwrap.wrap(text, width, break_on_hyphens=False)
        size = 34 if width == 12 else 27
    lines = lines or [text]
    if len(lines) > limit:
        lines = lines[: limit - 1] + [lines[limit - 1][:-1].rstrip() + "…"]
    return lines, size


def _ornament(digest: bytes, accent: str, shade: str) -> SafeString:
    """Return one of three ornaments, placed by the digest: a moon, rings or a horizon."""
    kind = digest[3] % 3
    x = 70 + digest[4] % 160
    y = 250 + digest[5] % 70
    if kind == 0:
        return format_html(
            '<circle cx="{x}" cy="{y}" r="62" fill="{accent}" opacity="0.9"/>'
            '<circle cx="{x2}" cy="{y2}" r="56" fill="url(#{shade})" opacity="0.55"/>',
            x=x,
            y=y,
            x2=x + 22,
            y2=y - 14,
            accent=accent,
            shade=shade,
        )
    if kind == 1:
        return format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="{}" fill="none" stroke="{}" stroke-width="2" '
            'opacity="{}"/>',
            (
                (x, y, r, accent, f"{0.9 - i * 0.15:.2f}")
                for i, r in enumerate((24, 46, 68, 90, 112))
            ),
        )
    return format_html(
        '<rect x="0" y="{y}" width="{width}" height="2" fill="{accent}"/>'
        '<circle cx="{x}" cy="{y}" r="44" fill="{accent}" opacity="0.85"/>'
        '<rect x="0" y="{y}" width="{width}" height="{rest}" fill="url(#{shade})"/>',
        x=x,
        y=y,
        width=WIDTH,
        rest=HEIGHT - y,
        accent=accent,
        shade=shade,
    )


@functools.lru_cache(maxsize=1024)
def _title(text: str, cjk: bool, keep: tuple[str, ...]) -> tuple[SafeString, int, int]:
    """Return a title's lines as <tspan>s, how many there are and the font size: the
    same for every poster of the same title, so broken and escaped once per process."""
    lines, size = _lines(text, cjk=cjk, keep=keep)
    step = int(size * 1.18)
    markup = format_html_join(
        "",
        '<tspan x="24" y="{}">{}</tspan>',
        ((92 + i * step, line) for i, line in enumerate(lines)),
    )
    return markup, len(lines), size


@functools.lru_cache(maxsize=1024)
def _backdrop(key: str, gradient: str) -> SafeString:
    """Return the poster's markup up to its title: the gradients, the ornament, the
    kicker and the rule. They depend on the slug alone, so each film's is drawn once per
    process and reused."""
    colours = palette(key)
    shade = f"{gradient}-shade"
    return format_html(
        '<svg class="poster-art" viewBox="0 0 {width} {height}" role="presentation" '
        'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        "<defs>"
        '<linearGradient id="{gradient}" x1="0" y1="0" x2="0.4" y2="1">'
        '<stop offset="0" stop-color="{top}"/>'
        '<stop offset="1" stop-color="{bottom}"/></linearGradient>'
        '<linearGradient id="{shade}" x1="0" y1="0" x2="0" y2="1">'
        '<stop offset="0" stop-color="#000" stop-opacity="0"/>'
        '<stop offset="1" stop-color="#000" stop-opacity="0.6"/></linearGradient>'
        "</defs>"
        '<rect width="{width}" height="{height}" fill="url(#{gradient})"/>'
        "{ornament}"
        '<text class="poster-kicker" x="24" y="40" font-size="13" letter-spacing="2" '
        'fill="{accent}" lang="zh-Hans">可灵AI导演共创计划</text>'
        # Drawn here, before the title, though it sits below it: nothing overlaps.
        '<rect x="24" y="{rule_y}" width="36" height="3" fill="{accent}"/>',
        rule_y=HEIGHT - 62,
        width=WIDTH,
        height=HEIGHT,
        gradient=gradient,
        shade=shade,
        top=colours["top"],
        bottom=colours["bottom"],
        accent=colours["accent"],
        ornament=_ornament(_digest(key), colours["accent"], shade),
    )


def poster_svg(film, *, element_id: str = "") -> SafeString:
    """Return the film's generated poster as inline SVG markup, decorative (aria-hidden)."""
    key = film.slug or str(film.pk)
    backdrop = _backdrop(key, f"poster-{element_id or key}")
    titles = film.titles
    main = titles[0]
    directors = film.directors
    title, count, size = _title(
        main.text,
        guess_lang(main.text) == "zh-Hans",
        tuple(person.name_zh for person in directors),
    )
    secondary = ""
    if len(titles) > 1:
        sub = titles[1].text
        secondary = format_html(
            '<text class="poster-sub" x="24" y="{}" font-size="17" fill="' + INK + '" '
            'opacity="0.85" lang="{}">{}</text>',
            92 + count * int(size * 1.18) + 4,
            titles[1].lang,
            sub if len(sub) <= 28 else sub[:27] + "…",
        )
    names = ("、" if is_chinese(get_language()) else ", ").join(p.label for p in directors)
    byline = gettext("A film by %(names)s") % {"names": names} if names else ""
    return format_html(
        "{backdrop}"
        '<text class="poster-title" font-size="{size}" font-weight="700" '
        'fill="' + INK + '" lang="{lang}">{title}</text>'
        "{secondary}"
        '<text class="poster-byline" x="24" y="418" font-size="16" '
        'fill="' + INK + '">{byline}</text>'
        "</svg>",
        backdrop=backdrop,
        size=size,
        lang=main.lang,
        title=title,
        secondary=secondary,
        byline=byline if len(byline) <= 34 else byline[:33] + "…",
    )
