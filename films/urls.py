"""Reader URLs for films, themes, quotes, people and sources' citations, mounted under
their namespaces in filmbase.urls.

Every film, person, quote and source page `<page>` offers its reference for download at
`<page>cite.bib`, `<page>cite.json` and `<page>cite.ris` (films/cite_views.py).
"""

from django.urls import path, re_path

from films import cite_views, person_views, views

# The extension of a citation download: BibTeX, CSL-JSON or RIS (core/citations.FORMATS).
CITE = r"cite\.(?P<ext>bib|json|ris)$"
SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"

home_patterns = [path("", views.home, name="index")]
film_patterns = [
    path("", views.film_list, name="list"),
    path("<slug:slug>/", views.film_detail, name="detail"),
    re_path(rf"^{SLUG}/{CITE}", cite_views.film_cite, name="cite"),
]
theme_patterns = [
    path("", views.theme_list, name="list"),
    path("<slug:slug>/", views.theme_detail, name="detail"),
]
quote_patterns = [
    path("", views.quote_list, name="list"),
    path("<int:id>/", views.quote_detail, name="detail"),
    re_path(rf"^(?P<id>[0-9]+)/{CITE}", cite_views.quote_cite, name="cite"),
]
people_patterns = [
    path("directors/", person_views.director_list, name="directors"),
    path("people/<slug:slug>/", person_views.person_detail, name="detail"),
    re_path(rf"^people/{SLUG}/{CITE}", cite_views.person_cite, name="cite"),
]
source_cite_patterns = [
    re_path(rf"^(?P<key>[-a-zA-Z0-9_]+)/{CITE}", cite_views.source_cite, name="cite"),
]
