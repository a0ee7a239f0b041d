"""Ceilings for the benchmark (bench/run.py), mounted by bench/urls.py and nowhere else.

- `ok`: the cheapest answer Django can give through filmbase's middleware: the ceiling
  any page is measured against.
- `film_list_json`: the API's first page of films (/api/v1/films/) built by hand with
  the ORM and JsonResponse — the same payload, byte for byte in content (a test checks
  it) — to measure what Django REST framework costs on top.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from films.models import Film


@require_GET
def ok(request):
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def film_list_json(request):
    page_size = settings.REST_FRAMEWORK["PAGE_SIZE"]
    films = Film.objects.published().for_api_list().order_by("order", "pk")
    count = films.count()
    base = request.build_absolute_uri("/")[:-1]
    results = []
    for film in films[:page_size]:
        results.append(
            {
                "slug": film.slug,
                "title": film.title,
                "title_zh": film.title_zh,
                "display_title": film.display_title,
                "display_title_zh": film.display_title_zh,
                "title_status": film.title_status,
                "title_is_official": film.title_is_official,
                "directors": [
                    {
                        "slug": person.slug,
                        "name": person.name,
                        "name_zh": person.name_zh,
                        "url": f"{base}/api/v1/people/{person.slug}/",
                        "page_url": f"{base}/people/{person.slug}/",
                        "page_url_zh": f"{base}/zh-hans/people/{person.slug}/",
                    }
                    for person in film.directors
                ],
                "themes": [
                    {
                        "slug": theme.slug,
                        "name": theme.name,
                        "name_zh": theme.name_zh,
                        "url": f"{base}/api/v1/themes/{theme.slug}/",
                    }
                    for theme in film.theme_list
                ],
                "runtime_seconds": film.runtime_seconds,
                "premiere_date": film.premiere_date.isoformat() if film.premiere_date else None,
                "status": film.status,
                "url": f"{base}/api/v1/films/{film.slug}/",
                "page_url": f"{base}/films/{film.slug}/",
                "page_url_zh": f"{base}/zh-hans/films/{film.slug}/",
            }
        )
    return JsonResponse(
        {
            "count": count,
            "next": f"{base}/api/v1/films/?page=2" if count > page_size else None,
            "previous": None,
            "results": results,
        },
        json_dumps_params={"ensure_ascii": False},
    )
