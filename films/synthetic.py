"""Deterministic synthetic films for benchmarks and scale tests.

`synthetic_load(films=N, seed=42)` adds N plausible bilingual films — with directors
and other credits, themes, quotes and citations — on top of whatever is in the database
(normally the nine real works). The same N and seed always give the same rows. They
live in their own collection, "filmbase synthetic data", so nobody mistakes them for
facts; never load them into a database that readers use.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from core.caching import bump_version
from films.models import (
    Citation,
    Collection,
    Credit,
    Film,
    PublicationStatus,
    Quote,
    Source,
    Theme,
    TitleStatus,
)
from films.search import rebuild_search_index
from people.models import Person

COLLECTION_SLUG = "filmbase-synthetic-data"
BATCH = 1000

_ADJECTIVES = [
    ("Silver", "银色的"),
    ("Distant", "遥远的"),
    ("Quiet", "安静的"),
    ("Golden", "金色的"),
    ("Last", "最后的"),
    ("Electric", "电光的"),
    ("Hidden", "隐藏的"),
    ("Northern", "北方的"),
    ("Paper", "纸做的"),
    ("Endless", "无尽的"),
]
_NOUNS = [
    ("Harvest", "收获"),
    ("River", "河流"),
    ("Courier", "信使"),
    ("Garden", "花园"),
    ("Lantern", "灯笼"),
    ("Station", "车站"),
    ("Dragon", "龙"),
    ("Orchard", "果园"),
    ("Signal", "信号"),
    ("Mountain", "山"),
    ("Wheat Field", "麦田"),
    ("Robot", "机器人"),
]
_PLACES = [
    ("Chongqing", "重庆"),
    ("Fenyang", "汾阳"),
    ("Beijing", "北京"),
    ("a coastal town", "海边小镇"),
    ("a mountain village", "山村"),
    ("a space station", "空间站"),
]
_SURNAMES = [
    ("Li", "李"),
    ("Wang", "王"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Chen", "陈"),
    ("Yang", "杨"),
    ("Zhao", "赵"),
    ("Huang", "黄"),
    ("Zhou", "周"),
    ("Wu", "吴"),
]
_GIVEN = [
    ("Ming", "明"),
    ("Hua", "华"),
    ("Jing", "静"),
    ("Lei", "磊"),
    ("Yun", "云"),
    ("Tao", "涛"),
    ("Xin", "欣"),
    ("Bo", "波"),
    ("Fang", "芳"),
    ("Jun", "军"),
    ("Lan", "兰"),
    ("Qiang", "强"),
]
_ROLES = [Credit.Role.SCREENWRITER, Credit.Role.AIGC_ARTIST, Credit.Role.EDITOR]


def _person_names(rng: random.Random, n: int) -> tuple[str, str]:
    surname, surname_zh = rng.choice(_SURNAMES)
    given, given_zh = rng.choice(_GIVEN)
    second, second_zh = rng.choice(_GIVEN)
    return f"{surname} {given}{second.lower()} {n}", f"{surname_zh}{given_zh}{second_zh}{n}"


def _film_text(rng: random.Random) -> dict:
    adjective, adjective_zh = rng.choice(_ADJECTIVES)
    noun, noun_zh = rng.choice(_NOUNS)
    place, place_zh = rng.choice(_PLACES)
    other, other_zh = rng.choice(_NOUNS)
    return {
        "title": f"The {adjective} {noun}",
        "title_zh": f"{adjective_zh}{noun_zh}",
        "synopsis": (
            f"In {place}, a young woman follows a {other.lower()} that only she can see. "
            f"Made with a video model in a few weeks, the film turns an ordinary "
            f"{noun.lower()} into a journey between memory and the near future."
        ),
        "synopsis_zh": (
            f"在{place_zh}，一位年轻女子追随着一个只有她能看见的{other_zh}。"
            f"影片用视频模型在几周内完成,把平凡的{noun_zh}变成一段记忆与未来之间的旅程。"
        ),
    }


@transaction.atomic
def synthetic_load(*, films: int, seed: int = 42) -> dict[str, int]:
    """Add `films` synthetic films (with people, credits, quotes…); return the counts added."""
    rng = random.Random(seed)
    collection, _ = Collection.objects.get_or_create(
        slug=COLLECTION_SLUG,
        defaults={
            "name": "filmbase synthetic data",
            "name_zh": "filmbase 合成数据",
            "description": "Generated for benchmarks and scale tests. Not facts.",
            "description_zh": "为性能测试生成的数据，并非事实。",
        },
    )
    start = Film.objects.filter(collection=collection).count()

    themes = list(Theme.objects.all())
    new_themes = [
        Theme(
            slug=f"synthetic-theme-{start + i:05d}",
            name=f"{rng.choice(_ADJECTIVES)[0]} {rng.choice(_NOUNS)[0]} {start + i}",
            name_zh=f"{rng.choice(_ADJECTIVES)[1]}{rng.choice(_NOUNS)[1]}{start + i}",
            description="A synthetic theme.",
            description_zh="合成主题。",
            order=100 + start + i,
        )
        for i in range(max(1, films // 50))
    ]
    Theme.objects.bulk_create(new_themes, batch_size=BATCH)
    themes += new_themes

    sources = [
        Source(
            title=f"Synthetic review {start + i}",
            outlet="filmbase synthetic press",
            url=f"https://synthetic.invalid/reviews/{start + i}",
            language=rng.choice(["zh", "en"]),
            published_on=date(2024, 12, 6) + timedelta(days=rng.randrange(300)),
        )
        for i in range(max(1, films // 10))
    ]
    # bulk_create sets primary keys on PostgreSQL and on SQLite ≥ 3.35.
    Source.objects.bulk_create(sources, batch_size=BATCH)

    people = []
    for i in range(max(2, films // 2)):
        name, name_zh = _person_names(rng, start + i)
        people.append(
            Person(
                slug=f"synthetic-person-{start + i:05d}",
                name=name,
                name_zh=name_zh,
                bio="A synthetic filmmaker.",
                bio_zh="合成的电影人。",
                birth_year=rng.choice([None, *range(1960, 2000)]),
            )
        )
    Person.objects.bulk_create(people, batch_size=BATCH)

    new_films = [
        Film(
            collection=collection,
            order=1000 + start + i,
            slug=f"synthetic-film-{start + i:05d}",
            title_status=TitleStatus.CONFIRMED,
            runtime_seconds=rng.randrange(60, 900),
            premiere_date=date(2024, 12, 6) + timedelta(days=rng.randrange(400)),
            status=PublicationStatus.PUBLISHED,
            **_film_text(rng),
        )
        for i in range(films)
    ]
    Film.objects.bulk_create(new_films, batch_size=BATCH)

    credits, quotes, citations, film_themes = [], [], [], []
    FilmTheme = Film.themes.through
    for film in new_films:
        director = rng.choice(people)
        credits.append(Credit(film=film, person=director, role=Credit.Role.DIRECTOR))
        other = rng.choice(people)
        if other != director:
            credits.append(Credit(film=film, person=other, role=rng.choice(_ROLES), order=1))
        for theme in rng.sample(themes, k=min(2, len(themes))):
            film_themes.append(FilmTheme(film=film, theme=theme))
        for n in range(2):
            quotes.append(
                Quote(
                    speaker=director,
                    film=film,
                    text=f"我用AI拍了《{film.title_zh}》，这是第{n + 1}次尝试。",
                    language="zh",
                    translation=f"I made {film.title} with AI; this was attempt {n + 1}.",
                    source=rng.choice(sources),
                    status=PublicationStatus.PUBLISHED,
                )
            )
        for topic in (Citation.Topic.TITLE, Citation.Topic.SYNOPSIS):
            citations.append(
                Citation(film=film, source=rng.choice(sources), topic=topic, note="Synthetic")
            )
    Credit.objects.bulk_create(credits, batch_size=BATCH)
    FilmTheme.objects.bulk_create(film_themes, batch_size=BATCH)
    Quote.objects.bulk_create(quotes, batch_size=BATCH)
    Citation.objects.bulk_create(citations, batch_size=BATCH)

    QuoteTheme = Quote.themes.through
    quote_themes = [
        QuoteTheme(quote=quote, theme=rng.choice(themes)) for quote in quotes if rng.random() < 0.3
    ]
    QuoteTheme.objects.bulk_create(quote_themes, batch_size=BATCH)

    # bulk_create sends no signals: index the new rows and tell every cache.
    rebuild_search_index()
    transaction.on_commit(bump_version)
    return {
        "films": len(new_films),
        "people": len(people),
        "credits": len(credits),
        "quotes": len(quotes),
        "citations": len(citations),
        "themes": len(new_themes),
        "sources": len(sources),
    }
