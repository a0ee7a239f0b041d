"""Seed filmbase with the nine works of the Keling AI Director Co-Creation Project.

The data live in `films/seed_data/`, as TOML read with the standard library's `tomllib`,
one file per kind of row: sources.toml, people.toml, project.toml (the collection),
themes.toml, films.toml, quotes.toml, milestones.toml and production.toml (how each
work was made), each explained at its head and in seed_data/README.md. They are data
files rather than code so that a curator can check or correct a fact where it is
written, beside the comment on where it comes from.

Every fact comes from the project's sourced dossier or from the English article on the
premiere (the dossier's source [S6]); the copies in `seed_data/excerpts/` are the ones
the tests check each quote against. Nothing is guessed: a title, runtime or birth year
the sources do not give is left out (stored empty), and a note field says so; a fact
resting on one weak source, or on sources that disagree, is stored with that doubt
spelled out, never as settled. Square-bracketed ids such as [S4] in notes and
descriptions name the `Source.key` of the page that supports the statement.

`seed_load()` loads all of it into an empty database, and does nothing at all once any
film or collection exists, so running it again never undoes a curator's edit.
"""

import tomllib
from pathlib import Path

from django.db import transaction

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
)
from people.models import Person, PersonLink

DATA_DIR = Path(__file__).resolve().parent / "seed_data"
EXCERPTS_DIR = DATA_DIR / "excerpts"


def read(name: str) -> dict:
    """Return the parsed contents of `seed_data/<name>.toml`."""
    with (DATA_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def _save(obj):
    """Validate `obj` (fields and constraints) and save it; return it."""
    obj.full_clean()
    obj.save()
    return obj


def _without(data: dict, *keys: str) -> dict:
    """Return `data` without the nested lists that are loaded separately."""
    return {key: value for key, value in data.items() if key not in keys}


def _citations(subject: str, obj, rows, sources) -> int:
    """Create the citations `rows` of [source key, topic, note, note_zh] for `obj`.

    Return how many.
    """
    for order, (key, topic, note, note_zh) in enumerate(rows):
        _save(
            Citation(
                source=sources[key],
                topic=topic,
                note=note,
                note_zh=note_zh,
                order=order,
                **{subject: obj},
            )
        )
    return len(rows)


@transaction.atomic
def seed_load(*, stdout=None) -> bool:
    """Load the seed data into an empty database; return whether anything was loaded.

    Does nothing, and returns False, once the database holds any film or collection: the
    seed is for a fresh site, and a second run must never overwrite a curator's work.
    Everything is validated with `full_clean()` before it is saved and created in one
    transaction, so a failure leaves the database as it was. Progress goes to `stdout`
    (anything with a `write` method) when given.
    """
    if Film.objects.exists() or Collection.objects.exists():
        return False

    def report(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    source_rows = read("sources")["sources"]
    people_rows = read("people")["people"]
    collection_row = read("project")["collection"]
    theme_rows = read("themes")["themes"]
    film_rows = read("films")["films"]
    quote_rows = read("quotes")["quotes"]
    milestone_rows = read("milestones")["milestones"]

    sources = {row["key"]: _save(Source(**row)) for row in source_rows}
    report(f"{len(sources)} sources")

    people = {
        row["slug"]: _save(Person(**_without(row, "links", "citations"))) for row in people_rows
    }
    report(f"{len(people)} people")
    for row in people_rows:
        for order, link in enumerate(row.get("links", [])):
            _save(PersonLink(person=people[row["slug"]], order=order, **link))

    collection = _save(Collection(**_without(collection_row, "citations")))
    report(f"collection {collection.slug}")

    themes = {
        row["slug"]: _save(Theme(order=order, **row)) for order, row in enumerate(theme_rows, 1)
    }
    report(f"{len(themes)} themes")

    films = {}
    for order, row in enumerate(film_rows, 1):
        film = Film(
            collection=collection,
            order=order,
            premiere_date=collection.premiere_date,
            status=PublicationStatus.PUBLISHED,
            **_without(row, "credits", "themes", "citations", "theme_citations"),
        )
        films[row["slug"]] = _save(film)
    report(f"{len(films)} films")

    for row in film_rows:
        for order, (slug, role) in enumerate(row["credits"]):
            _save(Credit(film=films[row["slug"]], person=people[slug], role=role, order=order))
    for row in film_rows:
        films[row["slug"]].themes.set([themes[slug] for slug in row.get("themes", [])])

    quotes = []
    for row in quote_rows:
        quote = Quote(
            speaker=people[row["speaker"]],
            film=films[row["film"]] if "film" in row else None,
            source=sources[row["source"]],
            status=PublicationStatus.PUBLISHED,
            **_without(row, "speaker", "film", "source", "themes"),
        )
        quotes.append(_save(quote))
    for quote, row in zip(quotes, quote_rows, strict=True):
        quote.themes.set([themes[slug] for slug in row.get("themes", [])])
    report(f"{len(quotes)} quotes")

    cited = _citations("collection", collection, collection_row["citations"], sources)
    for row in people_rows:
        cited += _citations("person", people[row["slug"]], row["citations"], sources)
    for row in film_rows:
        cited += _citations("film", films[row["slug"]], row["citations"], sources)
        for order, (slug, key, note, note_zh) in enumerate(row.get("theme_citations", []), 100):
            film, theme = films[row["slug"]], themes[slug]
            _save(
                Citation(
                    source=sources[key],
                    topic="themes",
                    note=note,
                    note_zh=note_zh,
                    order=order,
                    film=film,
                    theme=theme,
                )
            )
            cited += 1
    report(f"{cited} citations")

    for row in milestone_rows:
        _save(Milestone(**{**row, "source": sources[row["source"]]}))
    report(f"{len(milestone_rows)} milestones")

    report(f"{_production(films, people, sources)} production statements")
    return True


def _production(films: dict, people: dict, sources: dict) -> int:
    """Create the production statements of production.toml; return how many.

    A project statement is said of the nine works together: each film gets its own copy,
    marked as such, so that every film's record shows it.
    """
    data = read("production")
    rows = [(row["film"], row) for row in data["statements"]]
    rows += [
        (slug, {**row, "about_project": True})
        for row in data.get("project_statements", [])
        for slug in films
    ]
    for slug, row in rows:
        fields = _without(row, "film", "person", "sources", "evidence", "excerpt")
        person = people[row["person"]] if "person" in row else None
        statement = _save(ProductionStatement(film=films[slug], person=person, **fields))
        statement.sources.set([sources[key] for key in row["sources"]])
    return len(rows)
