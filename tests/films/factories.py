import datetime

import factory
from django.utils.text import slugify

from films.models import (
    Citation,
    Collection,
    Credit,
    Film,
    Milestone,
    PublicationStatus,
    Quote,
    Source,
    Theme,
    TitleStatus,
)
from tests.people.factories import PersonFactory


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Faker("sentence", nb_words=6)
    outlet = factory.Faker("company")
    url = factory.Sequence(lambda n: f"https://news.example.org/articles/{n}")
    language = "en"


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    name = factory.Sequence(lambda n: f"Co-creation project {n}")
    name_zh = factory.Sequence(lambda n: f"共创计划{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    premiere_date = datetime.date(2024, 12, 6)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    name_zh = factory.Sequence(lambda n: f"主题{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film
        skip_postgeneration_save = True

    collection = factory.SubFactory(CollectionFactory)
    title = factory.Sequence(lambda n: f"Film {n}")
    title_zh = factory.Sequence(lambda n: f"电影{n}")
    title_status = TitleStatus.CONFIRMED
    slug = factory.LazyAttribute(lambda o: slugify(o.title or o.title_zh))
    synopsis = factory.Faker("paragraph")
    status = PublicationStatus.PUBLISHED
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def director(self, create, extracted, **kwargs):
        """Give the film a director: the one passed as `director=`, else a new person."""
        if create and extracted is not False:
            CreditFactory(film=self, person=extracted or PersonFactory(), role="director")


class CreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credit

    film = factory.SubFactory(FilmFactory, director=False)
    person = factory.SubFactory(PersonFactory)
    role = Credit.Role.DIRECTOR


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    speaker = factory.SubFactory(PersonFactory)
    text = factory.Sequence(lambda n: f"我们和AI一起工作,第{n}次。")
    language = "zh"
    translation = factory.Sequence(lambda n: f"We work with AI, time number {n}.")
    source = factory.SubFactory(SourceFactory)
    status = PublicationStatus.PUBLISHED


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    source = factory.SubFactory(SourceFactory)
    film = factory.SubFactory(FilmFactory)
    topic = Citation.Topic.TITLE
    note = "Gives the Chinese title"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    date = datetime.date(2024, 6, 6)
    title = "Kling released"
    source = factory.SubFactory(SourceFactory)
