"""Reader pages for the sources: the index of every page filmbase rests on, and one page
per source with every statement on the site that cites it.

A source is found by its key as the source list stores it (/sources/S6/); one a curator
added without a key, by its id.
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.caching import public_cache
from core.pages import page_query, paginate
from films.citations import cite_block
from films.footnotes import footnotes_for
from films.models import Citation, Milestone, ProductionStatement, Quote, Source
from films.models.sources import source_key_validator


def by_key(key: str):
    """Return the source with this key (or, for a keyless one, this id), or None.

    Text that no key can hold names nothing and costs no query.
    """
    try:
        source_key_validator(key)
    except Exception:  # noqa: BLE001 - a ValidationError: not a key
        return None
    found = Source.objects.filter(key=key).first()
    if found is None and key.isascii() and key.isdigit():
        found = Source.objects.filter(key="", pk=int(key)).first()
    return found


@require_GET
@public_cache(params=("page",))
def source_list(request):
    """List every source: outlet, title, language, date where known and kind of page."""
    page = paginate(request, Source.objects.all(), "sources")
    context = {
        "title": _("Sources"),
        "description": _(
            "Every published page that the facts on filmbase rest on, with what kind of page "
            "it is and where it was read."
        ),
        "page": page,
        "canonical_query": page_query(page),
    }
    return render(request, "films/source_list.html", context)


@require_GET
@public_cache
def source_detail(request, page_key):
    """Show one source and every statement on the site that cites it, with links."""
    source = by_key(page_key)
    if source is None:
        raise Http404(_("No source has this key."))
    citations = list(Citation.objects.visible().with_subjects().filter(source=source))
    quotes = list(Quote.objects.published().with_context().filter(source=source))
    milestones = list(Milestone.objects.filter(source=source))
    statements = list(ProductionStatement.objects.citing(source))
    label = source.title_text.text  # as the heading shows it, in the reader's language
    context = {
        "title": label,
        "description": _("A source of filmbase: %(source)s") % {"source": label},
        "source": source,
        "citations": citations,
        "quotes": quotes,
        "milestones": milestones,
        "statements": statements,
        # The source's own note may name others ("a reprint of the same report as [S1]").
        "footnotes": footnotes_for(prose=[source]),
        "cite": cite_block(request, "source", source),
    }
    return render(request, "films/source_detail.html", context)
