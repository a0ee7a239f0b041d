"""Reader pages for the project, its films, themes and quotes, search and the story.

Every view is a GET-only FBV marked `@public_cache`: its answer is the same for every
anonymous reader (no user, session, cookie or CSRF token is ever touched), so the public
cache may store it. Each page runs a fixed number of queries, whatever the data size:
the joins live in the querysets' `for_list()` / `for_detail()` methods.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.caching import public_cache
from core.content import localized
from core.pages import by_slug, page_query, paginate, summary
from films import structured_data as ld
from films.citations import cite_block
from films.footnotes import footnotes_for
from films.making_views import production_groups
from films.models import Citation, Collection, Film, Milestone, Quote, Theme
from films.models.base import reading_chinese
from films.search import search as run_search
from films.share_images import share_image_url
from people.models import Person

HOME_FILMS = 12
HOME_THEMES = 12
THEME_FILMS = 24
THEME_QUOTES = 10
FILTER_CHOICES = 50


@require_GET
@public_cache
def home(request):
    """Show the project at a glance: the premiere, the works, ways into the rest."""
    collection = Collection.objects.first()
    films = list(Film.objects.published().for_list()[: HOME_FILMS + 1])
    quote = Quote.objects.published().with_context().exclude(text="").first()
    context = {
        "footnotes": footnotes_for(quotes=[quote] if quote else [], prose=[collection]),
        "title": localized(collection, "name").text
        if collection
        else _("Keling AI Director Co-Creation Project"),
        "collection": collection,
        "films": films[:HOME_FILMS],
        "more_films": len(films) > HOME_FILMS,
        "themes": Theme.objects.all()[:HOME_THEMES],
        "quote": quote,
        "structured_data": ld.graph(
            ld.series(request, collection),
            *(ld.movie(request, film) for film in films[:HOME_FILMS]),
        ),
    }
    return render(request, "films/home.html", context)


@require_GET
@public_cache(params=("page", "theme"))
def film_list(request):
    """List the published films, a page at a time, optionally those of one theme."""
    films = Film.objects.published().for_list()
    theme = None
    if slug := request.GET.get("theme"):
        theme = by_slug(Theme.objects.all(), slug)
        if theme is None:
            raise Http404
        films = films.filter(themes=theme)
    page = paginate(request, films, "films")
    context = {
        "title": _("Films on the theme %(theme)s") % {"theme": localized(theme, "name").text}
        if theme
        else _("Films"),
        "description": _(
            "The works of the Keling AI Director Co-Creation Project, with their titles "
            "exactly as far as the sources go."
        ),
        "page": page,
        "theme": theme,
        "canonical_query": page_query(page, theme=theme and theme.slug),
        "structured_data": ld.graph(*(ld.movie(request, film) for film in page)),
    }
    return render(request, "films/film_list.html", context)


@require_GET
@public_cache
def film_detail(request, slug):
    """Show one film: titles and their status, credits, story, quotes and sources."""
    try:
        film, previous, following = Film.objects.published().page_of(slug)
    except Film.DoesNotExist:
        raise Http404 from None
    quotes = film.published_quotes
    for quote in quotes:
        quote.film = film  # the quotes are about this film: no query for their film
    synopsis = localized(film, "synopsis")
    production = production_groups(film.production_statements)
    statements = [statement for group in production for statement in group.statements]
    footnotes = footnotes_for(film.source_citations, quotes, statements, prose=[film])
    context = {
        "title": film.label,
        "description": summary(synopsis.text)
        if synopsis
        else _("A film by %(names)s.")
        % {"names": ", ".join(person.label for person in film.directors)},
        "og_type": "video.movie",
        "og_image": request.build_absolute_uri(film.poster.url)
        if film.poster
        else share_image_url(request, film),
        "film": film,
        "quotes": quotes,
        "footnotes": footnotes,
        "film_themes": _film_themes(film, footnotes),
        "making": production,
        "cite": cite_block(request, "film", film),
        "previous": previous,
        "next": following,
        "structured_data": ld.graph(
            ld.movie(request, film, detailed=True), *(ld.quotation(request, q) for q in quotes)
        ),
    }
    return render(request, "films/film_detail.html", context)


@require_GET
@public_cache(params=("page",))
def theme_list(request):
    """List the themes with how many films and quotes treat each."""
    page = paginate(request, Theme.objects.with_counts(), "themes")
    context = {
        "title": _("Themes"),
        "description": _(
            "What the works treat, in our words; each film's theme shows the source that "
            "states it, or is marked as our reading."
        ),
        "page": page,
        "canonical_query": page_query(page),
    }
    return render(request, "films/theme_list.html", context)


@require_GET
@public_cache
def theme_detail(request, slug):
    """Show a theme: what it means here, and the films and quotes that treat it."""
    theme = get_object_or_404(Theme, slug=slug)
    films = list(Film.objects.published().for_list().filter(themes=theme)[: THEME_FILMS + 1])
    quotes = list(Quote.objects.published().with_context().filter(themes=theme)[: THEME_QUOTES + 1])
    description = localized(theme, "description")
    shown = films[:THEME_FILMS]
    stated = list(
        Citation.objects.filter(theme=theme, film__in=[f.pk for f in shown]).select_related(
            "source"
        )
    )
    footnotes = footnotes_for(stated, quotes[:THEME_QUOTES])
    for film in shown:
        film.theme_numbers = [footnotes.cite(c.source) for c in stated if c.film_id == film.pk]
    context = {
        "title": localized(theme, "name").text,
        "footnotes": footnotes,
        "description": summary(description.text) if description else "",
        "theme": theme,
        "films": films[:THEME_FILMS],
        "more_films": len(films) > THEME_FILMS,
        "quotes": quotes[:THEME_QUOTES],
        "more_quotes": len(quotes) > THEME_QUOTES,
        "structured_data": ld.graph(
            *(ld.movie(request, film) for film in films[:THEME_FILMS]),
            *(ld.quotation(request, quote) for quote in quotes[:THEME_QUOTES]),
        ),
    }
    return render(request, "films/theme_detail.html", context)


def _film_themes(film, footnotes) -> list[tuple]:
    """Return the film's themes, each with the notes of the sources that state it;
    a theme with none is our reading."""
    stated: dict[int, list[int]] = {}
    for citation in film.source_citations:
        if citation.theme_id:
            stated.setdefault(citation.theme_id, []).append(footnotes.cite(citation.source))
    return [(theme, stated.get(theme.pk, [])) for theme in film.theme_list]


QUOTE_FILTERS = ("director", "film", "theme")


def _quote_filter(name: str, slug: str):
    """Return the director, film or theme that a quotes filter names, or None."""
    if name == "director":
        return by_slug(Person.objects.all(), slug)
    if name == "film":
        return by_slug(Film.objects.published().with_directors(), slug)
    return by_slug(Theme.objects.all(), slug)


def _filter_fields(active: dict) -> list[dict]:
    """Return the quotes page's three filters: name, labels and their choices.

    Offered are only the directors, films and themes that have published quotes, at
    most FILTER_CHOICES of each; one named in the address is offered too, as chosen. Each
    list walks its entries in order and checks each for a published quote through an
    index, stopping after FILTER_CHOICES: the cost does not grow with the number of
    quotes. Each choice is (slug, label, chosen); the template writes the <option>s.
    """
    quoted = Quote.objects.published()
    has_quote = {
        "director": Exists(quoted.filter(speaker=OuterRef("pk"))),
        "film": Exists(quoted.filter(film=OuterRef("pk"))),
        # From the theme's links, not from the quotes: a theme is one of many per quote.
        "theme": Exists(
            Quote.themes.through.objects.filter(
                theme=OuterRef("pk"), quote__in=quoted.filter(pk=OuterRef("quote"))
            )
        ),
    }
    choices = {
        "director": Person.objects.in_reading_order().only("slug", "name", "name_zh"),
        "film": Film.objects.published()
        .with_directors()
        .only("slug", "title", "title_zh", "title_status", "order"),
        "theme": Theme.objects.only("slug", "name", "name_zh", "order"),
    }
    labels = {
        "director": (_("Director"), _("All directors")),
        "film": (_("Film"), _("All films")),
        "theme": (_("Theme"), _("All themes")),
    }
    fields = []
    for name, queryset in choices.items():
        selected = active.get(name)
        offered = list(queryset.filter(has_quote[name])[:FILTER_CHOICES])
        if selected is not None and selected not in offered:
            offered.append(selected)  # named in the address: shown as chosen
        options = [
            (
                obj.slug,
                localized(obj, "name").text if name == "theme" else obj.label,
                obj == selected,
            )
            for obj in offered
        ]
        fields.append(
            {"name": name, "label": labels[name][0], "empty": labels[name][1], "options": options}
        )
    return fields


@require_GET
@public_cache(params=("page", "director", "film", "theme"))
def quote_list(request):
    """List every published quote, filterable by director, film and theme, paginated.

    A filter naming nothing we know answers 404 with the filter form, so that a reader
    can correct it and no junk URL is cached.
    """
    quotes = Quote.objects.published().for_list()
    active, unknown = {}, []
    for name in QUOTE_FILTERS:
        slug = request.GET.get(name, "").strip()
        if not slug:
            continue
        found = _quote_filter(name, slug)
        if found is None:
            unknown.append(name)
            continue
        active[name] = found
        lookup = {"director": "speaker", "film": "film", "theme": "themes"}[name]
        quotes = quotes.filter(**{lookup: found})
    context = {
        "title": _("Quotes"),
        "description": _(
            "What the directors said, in the words they used, with a translation and the source."
        ),
        "active": active,
        "unknown": unknown,
        "filters": _filter_fields(active),
    }
    if unknown:
        return render(request, "films/quote_list.html", context, status=404)
    page = paginate(request, quotes, "quotes")
    context.update(
        page=page,
        footnotes=footnotes_for(quotes=list(page)),
        canonical_query=page_query(page, **{name: obj.slug for name, obj in active.items()}),
        structured_data=ld.graph(*(ld.quotation(request, quote) for quote in page)),
    )
    return render(request, "films/quote_list.html", context)


@require_GET
@public_cache(params=("q",))
def search(request):
    """Search films, people, themes and quotes in English and Chinese, grouped by kind."""
    results = run_search(request.GET.get("q"))
    context = {
        "title": _("Search: %(query)s") % {"query": results.query}
        if results.query
        else _("Search"),
        "results": results,
        "footnotes": footnotes_for(quotes=list(results.quotes)),
        "canonical_query": {"q": results.query} if results.query else {},
    }
    return render(request, "films/search.html", context)


@require_GET
@public_cache
def about(request):
    """Tell the project's story, with Keling's milestones, each with its source."""
    collection = Collection.objects.prefetch_related(
        Prefetch("citations", queryset=Citation.objects.select_related("source"))
    ).first()
    citations = collection.citations.all() if collection else []
    milestones = list(Milestone.objects.select_related("source"))
    context = {
        "title": _("About the project"),
        "description": summary(localized(collection, "description").text) if collection else "",
        "collection": collection,
        "milestones": milestones,
        "footnotes": footnotes_for(citations, prose=[collection], milestones=milestones),
        "structured_data": ld.graph(ld.series(request, collection)),
    }
    return render(request, "films/about.html", context)


# The largest id a BigAutoField holds: a longer number names no quote, and the databases
# refuse it in a lookup (an error, not an empty result).
MAX_ID = 2**63 - 1


def published_quote(id: int):
    """Return the published quote with this id, with its context and themes, or 404."""
    if id > MAX_ID:
        raise Http404(_("There is no such quote."))
    return get_object_or_404(Quote.objects.published().for_list(), pk=id)


@require_GET
@public_cache
def quote_detail(request, id):
    """Show one quote: the words, their translation, speaker, film, occasion, source, themes."""
    quote = published_quote(id)
    speaker = quote.speaker.label
    title = (
        _("%(speaker)s on %(film)s") % {"speaker": speaker, "film": quote.film.label}
        if quote.film
        else _("Words of %(speaker)s") % {"speaker": speaker}
    )
    context = {
        "title": title,
        "description": summary(quote.words_zh if reading_chinese() else quote.words_en)
        or summary(quote.text or quote.translation),
        "quote": quote,
        "footnotes": footnotes_for((), [quote]),
        "cite": cite_block(request, "quote", quote),
        "structured_data": ld.graph(ld.quotation(request, quote)),
    }
    return render(request, "films/quote_detail.html", context)
