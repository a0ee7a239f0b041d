"""Reader URLs for films, themes, quotes and people, mounted under their namespaces in
filmbase.urls."""

from django.urls import path

from films import person_views, views

home_patterns = [path("", views.home, name="index")]
film_patterns = [
    path("", views.film_list, name="list"),
    path("<slug:slug>/", views.film_detail, name="detail"),
]
theme_patterns = [
    path("", views.theme_list, name="list"),
    path("<slug:slug>/", views.theme_detail, name="detail"),
]
quote_patterns = [path("", views.quote_list, name="list")]
people_patterns = [
    path("directors/", person_views.director_list, name="directors"),
    path("people/<slug:slug>/", person_views.person_detail, name="detail"),
]
