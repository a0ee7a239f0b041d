"""Reader pages for people: the directors index and a page per person, with their films.

They live in `films` because a person's page is mostly what the works credit them with;
the `people` app itself knows nothing of films.
"""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.caching import public_cache
from core.content import localized
from core.pages import page_query, paginate, summary
from films import people as credited
from films import structured_data as ld
from films.citations import cite_block
from films.footnotes import footnotes_for
from films.models import Credit, Quote
from people.models import Person

PERSON_QUOTES = 20


@require_GET
@public_cache(params=("page",))
def director_list(request):
    """List the people who directed a published film, with their films."""
    page = paginate(
        request,
        credited.for_directory(credited.directors(Person.objects.in_reading_order())),
        "directors",
    )
    context = {
        "title": _("Directors"),
        "description": _("The people who directed the works, with the films they made."),
        "page": page,
        "canonical_query": page_query(page),
        "structured_data": ld.graph(*(ld.person_ref(request, person) for person in page)),
    }
    return render(request, "people/director_list.html", context)


@require_GET
@public_cache(params=("page",))
def person_list(request):
    """List everyone in filmbase, directors and other credits, with their films and roles."""
    page = paginate(request, credited.for_index(Person.objects.in_reading_order()), "people")
    for person in page:
        person.film_roles = roles_by_film(person.public_credits)
    context = {
        "title": _("People"),
        "description": _(
            "Everyone in filmbase: the directors and the other people credited on the films."
        ),
        "page": page,
        "canonical_query": page_query(page),
        "structured_data": ld.graph(*(ld.person_ref(request, person) for person in page)),
    }
    return render(request, "people/person_list.html", context)


def roles_by_film(credits) -> list[tuple]:
    """Return [(film, [role labels])] for `credits`, a film once with all its roles."""
    films: dict[int, tuple] = {}
    for credit in credits:
        films.setdefault(credit.film_id, (credit.film, []))[1].append(credit.get_role_display())
    return list(films.values())


def filmography(person) -> list[tuple]:
    """Return `person`'s published films with their roles: [(film, [role labels])]."""
    return roles_by_film(Credit.objects.filmography(person))


@require_GET
@public_cache
def person_detail(request, slug):
    """Show a person: names, profile, birth year, filmography, quotes and sources."""
    person = get_object_or_404(credited.for_person_page(Person.objects.all()), slug=slug)
    quotes = list(
        Quote.objects.published().with_context().filter(speaker=person)[: PERSON_QUOTES + 1]
    )
    shown = quotes[:PERSON_QUOTES]
    bio = localized(person, "bio")
    context = {
        "title": person.label,
        "description": summary(bio.text) if bio else "",
        "og_type": "profile",
        "person": person,
        "films": filmography(person),
        "quotes": shown,
        "more_quotes": len(quotes) > PERSON_QUOTES,
        "footnotes": footnotes_for(person.source_citations, shown, prose=[person]),
        "cite": cite_block(request, "person", person),
        "structured_data": ld.graph(
            ld.person(request, person), *(ld.quotation(request, quote) for quote in shown)
        ),
    }
    return render(request, "people/person_detail.html", context)
