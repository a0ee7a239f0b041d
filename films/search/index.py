"""What goes into the search index, and keeping it in step with the content."""

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save

from films.models import (
    Collection,
    Credit,
    CreditRole,
    Film,
    Milestone,
    PublicationStatus,
    Quote,
    SearchDocument,
    SearchKind,
    Theme,
)
from films.search.text import index_text
from people.models import Person


def _names(person) -> tuple[str, str, str]:
    return person.name, person.name_zh, person.other_names


def _film_document(film):
    """A film is found by its titles, then by its story, production notes and directors:
    a reader who types 贾樟柯 or Jia Zhangke is looking for his film too."""
    if film.status != PublicationStatus.PUBLISHED:
        return None
    directors = [c.person for c in film.credits.all() if c.role == CreditRole.DIRECTOR]
    return (
        index_text(film.title, film.title_zh, film.other_titles),
        index_text(
            film.synopsis,
            film.synopsis_zh,
            film.production_notes,
            film.production_notes_zh,
            *(name for person in directors for name in _names(person)),
        ),
    )


def _person_document(person):
    return (
        index_text(person.name, person.name_zh, person.other_names),
        index_text(person.bio, person.bio_zh),
    )


def _theme_document(theme):
    return (
        index_text(theme.name, theme.name_zh),
        index_text(theme.description, theme.description_zh),
    )


def _quote_document(quote):
    visible = quote.status == PublicationStatus.PUBLISHED and (
        quote.film_id is None or quote.film.status == PublicationStatus.PUBLISHED
    )
    if not visible:
        return None
    return index_text(quote.text, quote.translation), index_text(*_names(quote.speaker))


def _collection_document(collection):
    return (
        index_text(
            collection.name, collection.name_zh, collection.organiser, collection.organiser_zh
        ),
        index_text(
            collection.description,
            collection.description_zh,
            collection.venue,
            collection.venue_zh,
        ),
    )


def _milestone_document(milestone):
    return (
        index_text(milestone.title, milestone.title_zh),
        index_text(milestone.description, milestone.description_zh),
    )


# kind: (model, order of a rebuilt index, what to select_related(), document builder).
# A film's credits are prefetched instead (_credits_with_people).
_DOCUMENTS = {
    SearchKind.FILM: ("films.Film", ["order", "pk"], [], _film_document),
    SearchKind.PERSON: ("people.Person", ["name", "pk"], [], _person_document),
    SearchKind.THEME: ("films.Theme", ["order", "name", "pk"], [], _theme_document),
    SearchKind.QUOTE: ("films.Quote", ["pk"], ["film", "speaker"], _quote_document),
    SearchKind.COLLECTION: ("films.Collection", ["pk"], [], _collection_document),
    SearchKind.MILESTONE: ("films.Milestone", ["date", "pk"], [], _milestone_document),
}
_KIND_OF = {
    Film: SearchKind.FILM,
    Person: SearchKind.PERSON,
    Theme: SearchKind.THEME,
    Quote: SearchKind.QUOTE,
    Collection: SearchKind.COLLECTION,
    Milestone: SearchKind.MILESTONE,
}


def index_object(kind: str, obj) -> None:
    """Add, refresh or remove the search document of one entry."""
    document = _DOCUMENTS[kind][3](obj)
    if document is None:
        SearchDocument.objects.filter(kind=kind, object_id=obj.pk).delete()
        return
    title_text, body_text = document
    SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=obj.pk,
        defaults={"title_text": title_text, "body_text": body_text},
    )


def rebuild_search_index(*, apps=global_apps) -> int:
    """Recreate every search document from the content; return how many there are."""
    Document = apps.get_model("films", "SearchDocument")
    with transaction.atomic():
        Document.objects.all().delete()
        documents = []
        # A migration rebuilds with the kinds its own SearchDocument knows.
        known = {value for value, _label in Document._meta.get_field("kind").choices}
        for kind, (label, ordering, joins, build) in _DOCUMENTS.items():
            if kind not in known:
                continue
            queryset = apps.get_model(label).objects.order_by(*ordering)
            if kind == SearchKind.FILM:
                queryset = queryset.prefetch_related(_credits_with_people(apps))
            elif joins:
                queryset = queryset.select_related(*joins)
            for obj in queryset.iterator(chunk_size=2000):
                document = build(obj)
                if document is not None:
                    title_text, body_text = document
                    documents.append(
                        Document(
                            kind=kind, object_id=obj.pk, title_text=title_text, body_text=body_text
                        )
                    )
        Document.objects.bulk_create(documents, batch_size=2000)
    return len(documents)


def _credits_with_people(apps=global_apps) -> Prefetch:
    """Prefetch a film's credits with their people joined, not prefetched in turn.

    Django 5.2 prefetches a foreign key as one `id = ? OR id = ? …` per row on SQLite,
    which SQLite refuses past about a thousand rows (its expression depth limit): the
    index of 10,000 films failed to build so.
    """
    credits = apps.get_model("films", "Credit").objects.select_related("person")
    return Prefetch("credits", queryset=credits)


def _index_film(film) -> None:
    index_object(
        SearchKind.FILM, Film.objects.prefetch_related(_credits_with_people()).get(pk=film.pk)
    )


def _entry_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: rebuild_search_index afterwards
        return
    if sender is Film:
        _index_film(instance)
        # A quote about a film is public only while the film is.
        for quote in instance.quotes.select_related("film", "speaker"):
            index_object(SearchKind.QUOTE, quote)
        return
    index_object(_KIND_OF[sender], instance)
    if sender is Person:
        # Their films and their quotes are found by their names.
        for film in Film.objects.filter(credits__person=instance, credits__role="director"):
            _index_film(film)
        for quote in instance.quotes.select_related("film", "speaker"):
            index_object(SearchKind.QUOTE, quote)


def _entry_deleted(sender, instance, **kwargs):
    SearchDocument.objects.filter(kind=_KIND_OF[sender], object_id=instance.pk).delete()


def _credit_changed(sender, instance, raw=False, **kwargs):
    """A film is found by its directors' names: a new or removed director changes that."""
    if not raw and instance.role == CreditRole.DIRECTOR:
        film = Film.objects.filter(pk=instance.film_id).first()
        if film is not None:
            _index_film(film)


def connect_search_signals() -> None:
    for model in _KIND_OF:
        uid = f"filmbase-search-{model._meta.label_lower}"
        post_save.connect(_entry_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_entry_deleted, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(_credit_changed, sender=Credit, dispatch_uid="filmbase-search-credit-save")
    post_delete.connect(
        _credit_changed, sender=Credit, dispatch_uid="filmbase-search-credit-delete"
    )
