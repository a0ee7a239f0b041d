"""Reader URLs for films, themes, quotes, people and sources' citations, mounted under
their namespaces in filmbase.urls.

Every film, person, quote and source page `<page>` offers its reference for download at
`<page>cite.bib`, `<page>cite.json` and `<page>cite.ris` (films/cite_views.py), named
`cite-bib`, `cite-json` and `cite-ris` in the page's namespace.
"""

from django.urls import path

from core.citations import FORMATS
from films import cite_views, person_views, share_images, source_views, views


def cite_patterns(page: str, view) -> list:
    """Return the three downloads of the page at route `page` (its reference's formats)."""
    return [path(f"{page}cite.{ext}", view, {"ext": ext}, name=f"cite-{ext}") for ext in FORMATS]


home_patterns = [path("", views.home, name="index")]
film_patterns = [
    path("", views.film_list, name="list"),
    path("<slug:slug>/", views.film_detail, name="detail"),
    *cite_patterns("<slug:slug>/", cite_views.film_cite),
    path("<slug:slug>/share-<slug:digest>.png", share_images.share_image, name="share-image"),
]
theme_patterns = [
    path("", views.theme_list, name="list"),
    path("<slug:slug>/", views.theme_detail, name="detail"),
]
quote_patterns = [
    path("", views.quote_list, name="list"),
    path("<int:id>/", views.quote_detail, name="detail"),
    *cite_patterns("<int:id>/", cite_views.quote_cite),
]
people_patterns = [
    path("directors/", person_views.director_list, name="directors"),
    path("people/", person_views.person_list, name="list"),
    path("people/<slug:slug>/", person_views.person_detail, name="detail"),
    *cite_patterns("people/<slug:slug>/", cite_views.person_cite),
]
source_patterns = [
    path("", source_views.source_list, name="list"),
    path("<str:page_key>/", source_views.source_detail, name="detail"),
    *cite_patterns("<str:page_key>/", cite_views.source_cite),
]
