"""Reader pages for films, themes and quotes."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from filmbase.caching import public_cache
from films.models import Collection, Film, Quote, Theme


@require_GET
@public_cache
def home(request):
    films = Film.objects.published().with_directors()
    collection = Collection.objects.first()
    return render(request, "home.html", {"films": films, "collection": collection})


@require_GET
@public_cache
def film_list(request):
    films = Film.objects.published().with_directors()
    return render(request, "films/film_list.html", {"films": films})


@require_GET
@public_cache
def film_detail(request, slug):
    film = get_object_or_404(Film.objects.published().with_directors(), slug=slug)
    return render(request, "films/film_detail.html", {"film": film})


@require_GET
@public_cache
def theme_list(request):
    return render(request, "films/theme_list.html", {"themes": Theme.objects.all()})


@require_GET
@public_cache
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return render(request, "films/theme_detail.html", {"theme": theme})


@require_GET
@public_cache
def quote_list(request):
    quotes = Quote.objects.published().select_related("speaker", "film", "source")
    return render(request, "films/quote_list.html", {"quotes": quotes})
