"""Template helpers for the reader pages: bilingual fields, posters, JSON-LD, alternates."""

import json
from html import escape

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, override

from core.content import guess_lang, html_lang
from core.content import localized as localize
from films.posters import poster_svg

register = template.Library()

# What json_script escapes, so that no text in the data can close the <script> element
# or open a comment: https://html.spec.whatwg.org/#restrictions-for-contents-of-script-elements
# Three str.replace() calls, not str.translate() with a table: on text with Chinese in it,
# translate() looks every character up in the table (15 kB of a theme page's data: 0.72 ms
# against 0.03).
_JSON_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@register.simple_tag
def localized(obj, field):
    """Return `obj.field` in the active language (or the other one) with its `lang`."""
    return localize(obj, field)


@register.filter
def text_lang(text):
    """Return the HTML `lang` of a short text of unknown language (a name, a variant title)."""
    return guess_lang(text)


@register.simple_tag
def poster(film, lazy=False):
    """Return the film's poster: the curator's upload if there is one, else the generated SVG."""
    if film.poster:
        return format_html(
            '<div class="poster"><img src="{}" alt="{}" width="300" height="450" loading="{}">'
            "</div>",
            film.poster.url,
            gettext("Poster of %(title)s") % {"title": film.label},
            "lazy" if lazy else "eager",
        )
    return mark_safe(f'<div class="poster">{poster_svg(film)}</div>')  # noqa: S308 # nosec B308 B703


@register.simple_tag
def film_card(film, level=3):
    """Return a film's card: poster and titles linking to its page, the directors, and a
    badge when the title is not settled. `level` is the heading level of the title.

    Drawn here rather than by an included `_film_card.html` (the house style's usual way
    to share a fragment), and with html.escape rather than format_html: a page shows up
    to 24 cards, and the include spent more time per card on template machinery than on
    the card itself. 24 cards: 3.1 ms included, 1.1 ms here; the theme page, which shows
    8 cards at 100 films and 24 at 10,000, rendered in 11.4 / 15.9 ms before, 8.8 / 11.4
    ms with this and the JSON-LD escaping (SQLite, in-process).
    """
    level = int(level)
    url = escape(film.get_absolute_url())
    directors = ", ".join(f"<span>{escape(person.label)}</span>" for person in film.directors)
    badge = film.title_status_text
    badge = f'<p class="badge">{escape(badge)}</p>' if badge else ""
    # Every text is escaped here; poster() and names() return escaped markup.
    return mark_safe(  # noqa: S308 # nosec B308 B703
        f'<article class="film-card"><a class="film-card-link" href="{url}">'
        f"{poster(film, lazy=True)}"
        f'<h{level} class="film-card-title">{names(film.titles)}</h{level}></a>'
        f'<p class="film-card-meta">{directors}</p>{badge}</article>'
    )


@register.simple_tag
def json_ld(data):
    """Return `data` as a JSON-LD <script>, escaped like json_script."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escaped in _JSON_ESCAPES:
        text = text.replace(character, escaped)
    # JSON with <, > and & escaped (_JSON_ESCAPES), as json_script does: it cannot close
    # the element. (Not format_html: that would HTML-escape the quotes of the JSON.)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 # nosec B308 B703


def _absolute(request, path):
    """Return the absolute URL of `path`, or `path` itself when the request's host name is
    not one the site serves: the 400 page that refuses such a request must not fail on
    it again."""
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path


@register.simple_tag(takes_context=True)
def page_languages(context):
    """Return this page in every language: code, name, HTML lang, path and absolute URL.

    Used for the language switcher (plain links, so cached pages stay the same for every
    visitor), the canonical URL and the hreflang alternates. Of the query string only the
    parameters the view names in `canonical_query` are kept (a filter, a page number).
    A page that does not exist (a 404) offers the home page in each language.
    """
    request = context["request"]
    current = get_language()
    query = urlencode(context.get("canonical_query") or {})
    match = request.resolver_match
    pages = []
    for code, name in settings.LANGUAGES:
        with override(code):
            if match is None or match.view_name is None:
                path = reverse("home:index")
            else:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        if query:
            path = f"{path}?{query}"
        pages.append(
            {
                "code": code,
                "name": name,
                "lang": html_lang(code),
                "path": path,
                "url": _absolute(request, path),
                "current": code == current,
            }
        )
    return pages


@register.simple_tag
def names(items, numbers=None):
    """Return a title or a name in both languages: the main one, then the other, each
    with its `lang`; footnote references, if given, follow the main one."""
    # html.escape and one mark_safe, not format_html per span: this runs for every card.
    spans = [
        f'<span class="{"title-alt" if index else "title-main"}" lang="{escape(item.lang)}">'
        f"{escape(item.text)}{'' if index else refs(numbers)}</span>"
        for index, item in enumerate(items)
    ]
    return mark_safe("".join(spans))  # noqa: S308 # nosec B308 B703


@register.simple_tag
def refs(numbers):
    """Return footnote references like [1][3] linking to the page's sources list."""
    if not numbers:
        return ""
    links = format_html_join("", '<a href="#source-{0}">[{0}]</a>', ((n,) for n in numbers))
    return format_html('<sup class="refs">{}</sup>', links)
