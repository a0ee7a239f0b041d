"""filmbase's URL map with the benchmark's ceilings (bench/views.py) in front of it."""

from django.urls import path

from bench import views
from filmbase.urls import handler400, handler404, handler500
from filmbase.urls import urlpatterns as site_patterns

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    path("bench/ok", views.ok),
    path("bench/api/films/", views.film_list_json),
    *site_patterns,
]
