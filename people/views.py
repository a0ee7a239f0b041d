"""Reader pages for people."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from filmbase.caching import public_cache
from people.models import Person


@require_GET
@public_cache
def director_list(request):
    return render(request, "people/director_list.html", {"people": Person.objects.directors()})


@require_GET
@public_cache
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    return render(request, "people/person_detail.html", {"person": person})
