"""The "Cite this page" downloads: `<page>cite.bib`, `<page>cite.json` and `<page>cite.ris`.

Each answers with the page's reference (films/citations.py) in one format, as a file to
save, in the page's language. They read what the page itself reads, no more, and are the
same for every anonymous reader, so the public cache stores them like the pages.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.caching import public_cache
from core.citations import FORMATS, WRITERS
from films.citations import item_for, page_address
from films.models import Film
from films.source_views import by_key
from films.views import published_quote
from people.models import Person


def download(request, kind: str, obj, ext: str) -> HttpResponse:
    """Return `obj`'s reference as a file in the format of the extension `ext`."""
    media_type = FORMATS[ext]
    page_url = page_address(request, request.path.removesuffix(f"cite.{ext}"))
    item = item_for(kind, obj, page_url)
    response = HttpResponse(WRITERS[media_type](item), content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item["id"]}.{ext}"'
    return response


@require_GET
@public_cache
def film_cite(request, slug, ext):
    """Download a film's reference: the film as a motion picture."""
    film = get_object_or_404(
        Film.objects.published().select_related("collection").with_directors(), slug=slug
    )
    return download(request, "film", film, ext)


@require_GET
@public_cache
def person_cite(request, slug, ext):
    """Download the reference of a person's page."""
    person = get_object_or_404(Person, slug=slug)
    return download(request, "person", person, ext)


@require_GET
@public_cache
def quote_cite(request, id, ext):
    """Download a quote's reference: its source, with the speaker as author."""
    return download(request, "quote", published_quote(id), ext)


@require_GET
@public_cache
def source_cite(request, page_key, ext):
    """Download a source's reference, with filmbase's page of it as where it is listed."""
    source = by_key(page_key)
    if source is None:
        raise Http404(_("There is no such source."))
    return download(request, "source", source, ext)
