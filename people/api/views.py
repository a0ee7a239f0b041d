"""API resource for people: directors and their collaborators."""

from filmbase.api import ContentViewSet
from people.api import filters, serializers
from people.models import Person


class PersonViewSet(ContentViewSet):
    """The people behind the works; `role=director` gives the nine directors."""

    model = Person
    queryset = Person.objects.all()
    list_serializer_class = serializers.PersonListSerializer
    detail_serializer_class = serializers.PersonDetailSerializer
    write_serializer_class = serializers.PersonWriteSerializer
    filterset_class = filters.PersonFilter
    # A person has no drafts, but their entry lists films and quotes that may be.
    draft_permission = "films.change_film"
