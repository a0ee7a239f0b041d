"""Template helpers for the reader pages: bilingual fields, posters, JSON-LD, alternates."""

import json
import re

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import NoReverseMatch, reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, override

from core.content import guess_lang, html_lang, is_chinese
from core.content import localized as localize
from films.footnotes import markers, render_cited
from films.posters import poster_svg

register = template.Library()

# What json_script escapes, so that no text in the data can close the <script> element
# or open a comment: https://html.spec.whatwg.org/#restrictions-for-contents-of-script-elements
# Three str.replace() calls, not str.translate() with a table: on text with Chinese in it,
# translate() would look every character up in the table.
_JSON_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@register.simple_tag
def localized(obj, field):
    """Return `obj.field` in the active language (or the other one) with its `lang`."""
    return localize(obj, field)


# English between Chinese quotation marks: a title or the words of a source, quoted in
# Chinese text. Marked lang="en" so that a reader's tools and voice read it as English.
_QUOTED_ENGLISH = re.compile("“([^“”\u3400-\u9fff]*[A-Za-z][^“”\u3400-\u9fff]*)”")


@register.filter(needs_autoescape=True)
def mark_english(text, lang="", autoescape=True):
    """Return `text` escaped, its quoted English marked lang="en" when `lang` is Chinese."""
    escape = conditional_escape if autoescape else SafeString
    text = str(text or "")
    if not str(lang).startswith("zh"):
        return escape(text)
    parts, last = [], 0
    for match in _QUOTED_ENGLISH.finditer(text):
        parts.append(escape(text[last : match.start(1)]))
        parts.append(format_html('<span lang="en">{}</span>', match.group(1)))
        last = match.end(1)
    parts.append(escape(text[last:]))
    return format_html_join("", "{}", ((part,) for part in parts))


# Separators by the reader's language: Chinese lists take the enumeration comma 、, and
# clauses and alternatives the full-width comma and semicolon.
SEPARATORS = {
    "list": (", ", "、"),
    "clause": (", ", "，"),
    "alternatives": ("; ", "；"),
}


@register.simple_tag
def source_cite(source):
    """Return a source as cited, outlet and title linking its page, in the title's language
    (its colon too: 新华社：标题, Xinhua: Title)."""
    title = source.title_text
    outlet = ""
    if source.outlet:
        outlet = source.outlet + ("：" if title.lang.startswith("zh") else ": ")
    return format_html(
        '<cite><a href="{}" lang="{}">{}{}</a></cite>',
        source.get_absolute_url(),
        title.lang,
        outlet,
        mark_english(title.text, title.lang),
    )


@register.simple_tag
def sep(kind="list"):
    """Return the separator of `kind` ("list", "clause", "alternatives") for the reader."""
    english, chinese = SEPARATORS[kind]
    return chinese if is_chinese(get_language()) else english


@register.filter
def join_list(items):
    """Join `items` as a list in the reader's language: "a, b" or "a、b"."""
    return sep("list").join(str(item) for item in items)


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
    return format_html('<div class="poster">{}</div>', poster_svg(film))


@register.filter
def json_ld(data):
    """Return `data` as JSON for a JSON-LD <script>, escaped as json_script escapes it.

    The result is plain text: the template marks it safe, because HTML escaping would
    corrupt the JSON (a script's text is not decoded as HTML) and these escapes already
    keep it from closing the element.
    """
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    for character, escaped in _JSON_ESCAPES:
        text = text.replace(character, escaped)
    return text


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
    An error page (`error_page`), or a page whose address cannot be built again (a route
    without a name: the admin's catch-all, media files), offers the home page in each
    language: an error page must never fail.
    """
    request = context["request"]
    current = get_language()
    match = None if context.get("error_page") else request.resolver_match
    query = urlencode(context.get("canonical_query") or {}) if match else ""
    pages = []
    for code, name in settings.LANGUAGES:
        with override(code):
            path = _same_page(match)
            if path is None:
                path = reverse("home:index")
            elif query:
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


def _same_page(match) -> str | None:
    """Return the path of the matched page in the active language, or None."""
    if match is None or match.url_name is None:
        return None
    try:
        return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return None


@register.simple_tag
def names(items, numbers=None):
    """Return a title or a name in both languages: the main one, then the other, each
    with its `lang`; footnote references, if given, follow the main one."""
    return format_html_join(
        "",
        '<span class="{}" lang="{}">{}{}</span>',
        (
            ("title-alt", item.lang, item.text, "")
            if index
            else ("title-main", item.lang, item.text, markers(numbers))
            for index, item in enumerate(items)
        ),
    )


@register.simple_tag
def refs(*topics):
    """Return the markers of the sources behind one or more topics (lists of note
    numbers, or one number), each source once: `<a class="ref" href="#source-3">[3]</a>`,
    linking to the page's notes."""
    return markers(_numbers(topics))


def _numbers(topics) -> list[int]:
    numbers = []
    for topic in topics:
        if isinstance(topic, int):
            numbers.append(topic)
        elif topic:
            numbers.extend(topic)
    return numbers


@register.simple_tag
def cited(text, footnotes=None, *topics, lang=""):
    """Return a short text with its "[S3, S10]" source keys as the page's markers.

    The sources of `topics` follow it when the text names none itself. The markers
    number the sources in the page's notes, which are rendered after the text.
    """
    return render_cited(text, footnotes, _numbers(topics), mark=_marker(lang))


@register.simple_tag
def prose(text, footnotes=None, *topics, lang=""):
    """Return a long text as paragraphs, its source keys as markers (see `cited`)."""
    return render_cited(text, footnotes, _numbers(topics), paragraphs=True, mark=_marker(lang))


def _marker(lang: str):
    """Return what marks quoted English in a Chinese text (see `mark_english`), or None."""
    return (lambda text: mark_english(text, lang)) if str(lang).startswith("zh") else None
