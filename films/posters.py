"""Generated posters: the works have no images we may use, so each gets one of its own.

A poster is an inline SVG drawn from the film's titles, its directors and a palette
derived from its slug, so the same film always looks the same, on every page and every
machine, with no image file and no extra request. A curator's uploaded poster replaces
it (the `poster` template tag). Every value written into the SVG is escaped, with the
standard library's html.escape: the same escaping as Django's, without the lazy-string
checks that made escaping a sixth of the cost of a poster.
"""

import hashlib
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from core.content import guess_lang

# Fonts come from static/css/site.css (.poster-art text): the same system stacks as the
# page, with Chinese glyphs on every platform; no web font is loaded.
WIDTH, HEIGHT = 300, 450


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
        "ink": "#fdfaf3",
    }


def _wrap(text: str, width: int) -> list[str]:
    """Break `text` at spaces into lines of at most `width` characters, as textwrap.wrap
    does (7 µs for a two-word title; this, 1 µs), except that a word longer than a line
    starts on a line of its own before it is cut, and a hyphen is not a break."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _lines(text: str, *, cjk: bool, limit: int = 4) -> tuple[list[str], int]:
    """Break a title into at most `limit` lines and pick a font size that fits them."""
    if cjk:
        width = 5 if len(text) <= 10 else 7
        lines = [text[i : i + width] for i in range(0, len(text), width)]
        size = 52 if width == 5 else 38
    else:
        width = 12 if len(text) <= 24 else 16
        lines = _wrap(text, width) or [text]
        size = 34 if width == 12 else 27
    if len(lines) > limit:
        lines = lines[: limit - 1] + [lines[limit - 1][:-1].rstrip() + "…"]
    return lines, size


def _ornament(digest: bytes, accent: str, shade: str) -> str:
    """Return one of three ornaments, placed by the digest: a moon, rings or a horizon."""
    kind = digest[3] % 3
    x = 70 + digest[4] % 160
    y = 250 + digest[5] % 70
    if kind == 0:
        return (
            f'<circle cx="{x}" cy="{y}" r="62" fill="{accent}" opacity="0.9"/>'
            f'<circle cx="{x + 22}" cy="{y - 14}" r="56" fill="url(#{shade})" opacity="0.55"/>'
        )
    if kind == 1:
        return "".join(
            f'<circle cx="{x}" cy="{y}" r="{r}" fill="none" stroke="{accent}" '
            f'stroke-width="2" opacity="{0.9 - i * 0.15:.2f}"/>'
            for i, r in enumerate((24, 46, 68, 90, 112))
        )
    return (
        f'<rect x="0" y="{y}" width="{WIDTH}" height="2" fill="{accent}"/>'
        f'<circle cx="{x}" cy="{y}" r="44" fill="{accent}" opacity="0.85"/>'
        f'<rect x="0" y="{y}" width="{WIDTH}" height="{HEIGHT - y}" fill="url(#{shade})"/>'
    )


def poster_svg(film, *, element_id: str = "") -> SafeString:
    """Return the film's generated poster as inline SVG markup, decorative (aria-hidden)."""
    key = film.slug or str(film.pk)
    colours = palette(key)
    digest = _digest(key)
    gradient = f"poster-{escape(element_id or key)}"
    titles = film.titles
    main = titles[0]
    lines, size = _lines(main.text, cjk=guess_lang(main.text) == "zh-Hans")
    y = 92
    title_markup = []
    for line in lines:
        title_markup.append(f'<tspan x="24" y="{y}">{escape(line)}</tspan>')
        y += int(size * 1.18)
    secondary = ""
    if len(titles) > 1:
        sub = titles[1].text
        sub = sub if len(sub) <= 28 else sub[:27] + "…"
        secondary = (
            f'<text class="poster-sub" x="24" y="{y + 4}" font-size="17" '
            f'fill="{colours["ink"]}" opacity="0.85" lang="{titles[1].lang}">{escape(sub)}</text>'
        )
    names = ", ".join(person.label for person in film.directors)
    byline = gettext("A film by %(names)s") % {"names": names} if names else ""
    byline = byline if len(byline) <= 34 else byline[:33] + "…"
    # Every interpolated text is escaped above; the rest are numbers and our colours.
    return mark_safe(  # noqa: S308 # nosec B308 B703
        f'<svg class="poster-art" viewBox="0 0 {WIDTH} {HEIGHT}" role="presentation" '
        f'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        f"<defs>"
        f'<linearGradient id="{gradient}" x1="0" y1="0" x2="0.4" y2="1">'
        f'<stop offset="0" stop-color="{colours["top"]}"/>'
        f'<stop offset="1" stop-color="{colours["bottom"]}"/></linearGradient>'
        f'<linearGradient id="{gradient}-shade" x1="0" y1="0" x2="0" y2="1">'
        f'<stop offset="0" stop-color="#000" stop-opacity="0"/>'
        f'<stop offset="1" stop-color="#000" stop-opacity="0.6"/></linearGradient>'
        f"</defs>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="url(#{gradient})"/>'
        f"{_ornament(digest, colours['accent'], gradient + '-shade')}"
        f'<text class="poster-kicker" x="24" y="40" font-size="13" letter-spacing="2" '
        f'fill="{colours["accent"]}" lang="zh-Hans">可灵AI导演共创计划</text>'
        f'<text class="poster-title" font-size="{size}" font-weight="700" '
        f'fill="{colours["ink"]}" lang="{main.lang}">{"".join(title_markup)}</text>'
        f"{secondary}"
        f'<rect x="24" y="{HEIGHT - 62}" width="36" height="3" fill="{colours["accent"]}"/>'
        f'<text class="poster-byline" x="24" y="{HEIGHT - 32}" font-size="16" '
        f'fill="{colours["ink"]}">{escape(byline)}</text>'
        f"</svg>"
    )
