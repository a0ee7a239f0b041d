import datetime

import factory
from django.utils.text import slugify

from films.models import (
    Citation,
    Collection,
    Credit,
    Film,
    Milestone,
    ProductionStatement,
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


class ProductionStatementFactory(factory.django.DjangoModelFactory):
    """A sourced statement that Keling generated the film's video."""

    class Meta:
        model = ProductionStatement
        skip_postgeneration_save = True

    film = factory.SubFactory(FilmFactory)
    kind = ProductionStatement.Kind.STAGE
    stage = ProductionStatement.Stage.VIDEO_GENERATION
    done_by = ProductionStatement.DoneBy.MODEL
    note = "Every frame was generated."
    note_zh = "每一帧都由模型生成。"
    confidence = ProductionStatement.Confidence.SINGLE_SOURCE

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        """Cite the sources passed as `sources=`, else a new one; `sources=[]` cites none."""
        if create:
            self.sources.set(SourceFactory.create_batch(1) if extracted is None else extracted)


def grow_content(n: int = 100, *, collection, film, person, theme, source=None) -> None:
    """Add `n` more published films, people and quotes, fully linked, plus some themes.

    Every new film has a director, an editor, two themes (one of them `theme`) and a
    citation; every new quote has a film, a theme and its own source. `film` and
    `person` gain n more credits, citations and quotes each, and every film a sourced
    production statement: everything a page's query count must not grow with. `source`,
    when given, gains n citations of a new film's theme and n production statements.
    """
    themes = [theme, *ThemeFactory.create_batch(max(1, n // 10))]
    for i in range(n):
        new = FilmFactory(collection=collection)
        new.themes.add(themes[i % len(themes)], theme)
        extra = PersonFactory()
        CreditFactory(film=new, person=extra, role=Credit.Role.EDITOR)
        CreditFactory(film=film, person=extra, role=Credit.Role.EDITOR)
        CitationFactory(film=new, topic=Citation.Topic.SYNOPSIS, note="Synopsis")
        CitationFactory(film=film, topic=Citation.Topic.PRODUCTION, note=f"Production {i}")
        CitationFactory(film=None, person=person, topic=Citation.Topic.PROFILE, note=f"Work {i}")
        CreditFactory(film=new, person=person, role=Credit.Role.PRODUCER)
        ProductionStatementFactory(film=new, **({"sources": [source]} if source else {}))
        if source:
            CitationFactory(film=new, source=source, topic="themes", note="Theme", theme=theme)
        ProductionStatementFactory(
            film=film, kind="tool", stage="", done_by="", feature="lip-sync", person=extra
        )
        for speaker, about in ((person, film), (extra, new)):
            quote = QuoteFactory(speaker=speaker, film=about)
            quote.themes.add(theme, themes[i % len(themes)])
