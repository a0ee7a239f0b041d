"""Pieces shared by the reader pages of every app."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.core.validators import slug_re
from django.http import Http404
from django.utils.text import Truncator
from django.utils.translation import gettext as _


def paginate(request, queryset, kind: str):
    """Return the page of `queryset` that `?page=` asks for, at the size set for `kind`.

    A page number that is not a number or lies past the end is a 404, as in Django's
    ListView: every list has exactly one URL per page, and junk never reaches the cache.
    """
    paginator = Paginator(queryset, settings.FILMBASE_PAGE_SIZE[kind])
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404(_("There is no such page.")) from None


def page_query(page, **filters) -> dict:
    """Return the query parameters that identify `page` (and its filters) canonically."""
    query = {name: value for name, value in filters.items() if value}
    if page is not None and page.number > 1:
        query["page"] = page.number
    return query


def summary(text: str, limit: int = 160) -> str:
    """Return `text` on one line and cut to `limit` characters, for a meta description."""
    return Truncator(" ".join(str(text).split())).chars(limit)


def by_slug(queryset, slug: str):
    """Return the entry of `queryset` with this slug, or None.

    A value that cannot be a slug (a NUL byte, Chinese, a dot) names nothing: it is
    answered without a query, since PostgreSQL refuses some such text outright.
    """
    if not slug_re.match(slug or ""):
        return None
    return queryset.filter(slug=slug).first()
