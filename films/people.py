"""People as the works credit and quote them: the joins between `people` and `films`.

`people` knows nothing of films (it is a leaf: import-linter checks it), so the querysets
that reach a person's credits, quotes and citations live here, on the side that owns
those relations.
"""

from django.db.models import Prefetch

from films.models import Citation, Credit, CreditRole, Quote


def with_role(people, role: str, *, drafts: bool = False):
    """Return `people` credited in `role` on a film the reader may see."""
    credits = Credit.objects.visible(drafts).filter(role=role)
    return people.filter(pk__in=credits.values("person_id"))


def directors(people):
    """Return `people` with a director credit on a published film."""
    return with_role(people, CreditRole.DIRECTOR)


def for_api_detail(people, *, drafts: bool = False):
    """Join what the API's person entry shows: links, credits, quotes, sources."""
    return people.prefetch_related(
        "links",
        Prefetch("credits", queryset=Credit.objects.visible(drafts).with_films()),
        Prefetch("quotes", queryset=Quote.objects.visible(drafts).with_context()),
        Prefetch("citations", queryset=Citation.objects.select_related("source")),
    )


def for_directory(people):
    """Prefetch what the directors index shows: the published films each one directed.

    Three queries whatever the number of directors: people, their director credits
    with films, and those films' own directors (for the labels of untitled films).
    """
    directed = (
        Credit.objects.filter(role=CreditRole.DIRECTOR, film__status="published")
        .select_related("film")
        .order_by("film__order", "film__pk")
    )
    return people.prefetch_related(
        Prefetch("credits", queryset=directed, to_attr="directed_credits"),
        Prefetch(
            "directed_credits__film__credits",
            queryset=Credit.objects.filter(role=CreditRole.DIRECTOR)
            .select_related("person")
            .order_by("order", "pk"),
            to_attr="director_credits",
        ),
    )


def for_index(people):
    """Prefetch what the people index shows: each person's credits on published films.

    Three queries whatever the number of people: people, their credits with films, and
    those films' directors (for the labels of untitled films).
    """
    credits = (
        Credit.objects.filter(film__status="published")
        .select_related("film")
        .order_by("film__order", "film__pk", "order", "pk")
    )
    return people.prefetch_related(
        Prefetch("credits", queryset=credits, to_attr="public_credits"),
        Prefetch(
            "public_credits__film__credits",
            queryset=Credit.objects.filter(role=CreditRole.DIRECTOR)
            .select_related("person")
            .order_by("order", "pk"),
            to_attr="director_credits",
        ),
    )


def for_person_page(people):
    """Prefetch the person page's external links and cited sources (one query each)."""
    return people.prefetch_related(
        "links",
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("source").order_by("order", "pk"),
            to_attr="source_citations",
        ),
    )
