"""Reader pages for people."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from people.models import Person


@require_GET
def director_list(request):
    return render(request, "people/director_list.html", {"people": Person.objects.directors()})


@require_GET
def person_detail(request, slug):
    person = get_object_or_404(Person, slug=slug)
    return render(request, "people/person_detail.html", {"person": person})
