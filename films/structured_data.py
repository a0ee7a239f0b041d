"""schema.org JSON-LD for the reader pages: the collection, films, people and quotes.

Each function returns plain data; the `json_ld` template tag serialises it safely.
URLs are made absolute with the request, so the data is right behind any host name.
"""

from django.utils.translation import get_language, pgettext

from core.content import is_chinese, localized
from core.links import site_origin
from films.models import ProductionKind, Relation, digital_source_type_uri


def _absolute(request, url: str) -> str:
    """Return `url` made absolute: a path of the site ("/films/wheat-harvest/") gets the
    request's scheme and host; an address of its own (a poster in object storage) stays."""
    if not url.startswith("/") or url.startswith("//"):
        return request.build_absolute_uri(url)
    return site_origin(request) + url


def _names(english: str, chinese: str) -> dict:
    """Return `name` in the page's language and the other form as `alternateName`."""
    ordered = (chinese, english) if is_chinese(get_language()) else (english, chinese)
    names = [name for name in ordered if name]
    data = {"name": names[0]}
    if names[1:]:
        data["alternateName"] = names[1:]
    return data


def person_ref(request, person) -> dict:
    url = _absolute(request, person.get_absolute_url())
    return {
        "@type": "Person",
        "@id": url,
        "url": url,
        **_names(person.name, person.name_zh),
    }


def series(request, collection) -> dict | None:
    """Return the co-creation project as a CreativeWorkSeries, or None if there is none."""
    if collection is None:
        return None
    data = {
        "@type": "CreativeWorkSeries",
        "@id": _absolute(request, "/#collection"),
        **_names(collection.name, collection.name_zh),
        "url": _absolute(request, "/"),
    }
    description = localized(collection, "description")
    if description:
        data["description"] = description.text
    if collection.premiere_date:
        data["startDate"] = collection.premiere_date.isoformat()
    organiser = localized(collection, "organiser")
    if organiser:
        data["creator"] = {"@type": "Organization", "name": organiser.text}
    return data


def movie(request, film, *, detailed: bool = False) -> dict:
    """Return a film as a schema.org Movie, with its directors."""
    url = _absolute(request, film.get_absolute_url())
    data = {
        "@type": "Movie",
        "@id": url,
        "url": url,
        "name": film.label,
        "director": [person_ref(request, person) for person in film.directors],
    }
    alternates = [title.text for title in film.titles[1:]]
    if alternates:
        data["alternateName"] = alternates
    statements = getattr(film, "production_statements", None)
    if statements is not None and (origin := digital_source_type_uri(statements)):
        data["digitalSourceType"] = origin
    if not detailed:
        return data
    synopsis = localized(film, "synopsis")
    if synopsis:
        data["description"] = synopsis.text
    if film.runtime_seconds:
        data["duration"] = f"PT{film.runtime_seconds}S"
    if film.premiere_date:
        data["datePublished"] = film.premiere_date.isoformat()
    if film.theme_list:
        data["keywords"] = [localized(theme, "name").text for theme in film.theme_list]
    if film.poster:
        data["image"] = _absolute(request, film.poster.url)
    if film.watch_url:
        data["sameAs"] = film.watch_url
    if film.collection_id:
        data["partOfSeries"] = {"@id": _absolute(request, "/#collection")}
        data["isPartOf"] = series(request, film.collection)
    data["citation"] = [citation.source.url for citation in film.source_citations]
    based_on = [
        _work(request, statement)
        for statement in statements or ()
        if statement.kind == ProductionKind.INSPIRATION
        and statement.relation == Relation.BASED_ON
        and statement.sources.all()
    ]
    if based_on:
        data["isBasedOn"] = based_on
    sourced = [statement for statement in statements or () if statement.sources.all()]
    team = [_member(request, s) for s in sourced if s.kind == ProductionKind.TEAM and s.role]
    if team:
        data["contributor"] = team
    # schema.org has no property for the software a work was made with; `material`
    # ("what something is made from") is the nearest, as a text per Keling feature.
    tools = [_tool(s) for s in sourced if s.kind == ProductionKind.TOOL and s.feature]
    if tools:
        data["material"] = tools
    return data


def _member(request, statement) -> dict:
    """Return a team member in schema.org's Role pattern: the person and their role."""
    if statement.person_id:
        member = person_ref(request, statement.person)
    else:
        member = {"@type": "Person", **_names(statement.name, statement.name_zh)}
    return {"@type": "Role", "roleName": statement.get_role_display(), "contributor": member}


def _tool(statement) -> str:
    colon = pgettext("label separator", ": ")  # the catalogue's: ： in Chinese
    keling = pgettext("done by", "Keling")  # the name as /making/ shows it: 可灵 in Chinese
    tool = f"{keling}{colon}{statement.get_feature_display()}"
    return f"{tool} {statement.model_version}" if statement.model_version else tool


def _work(request, statement) -> dict:
    """Return the work a film is based on, with its author where the record names one."""
    data = {"@type": "CreativeWork", **_names(statement.work_title, statement.work_title_zh)}
    if statement.person_id:
        data["author"] = person_ref(request, statement.person)
    elif statement.name or statement.name_zh:
        data["author"] = {"@type": "Person", **_names(statement.name, statement.name_zh)}
    return data


def person(request, person) -> dict:
    """Return a person with their other names, birth year and external links."""
    data = person_ref(request, person)
    alternate = data.get("alternateName", []) + person.other_names_list
    if alternate:
        data["alternateName"] = alternate
    bio = localized(person, "bio")
    if bio:
        data["description"] = bio.text
    if person.birth_year and not person.birth_year_note:
        data["birthDate"] = str(person.birth_year)
    # A page about their work (Tuzki for Wang Maomao) is not the same thing as them.
    links = [link.url for link in person.links.all() if not link.is_about_their_work]
    if links:
        data["sameAs"] = links
    return data


def quotation(request, quote) -> dict:
    """Return a quote as a schema.org Quotation with its speaker and source."""
    data = {
        "@type": "Quotation",
        "@id": _absolute(request, quote.get_absolute_url()),
        "text": quote.text or quote.translation,
        "inLanguage": quote.lang if quote.text else quote.translation_lang,
        "creator": person_ref(request, quote.speaker),
        "isBasedOn": quote.source.url,
    }
    if quote.film_id:
        data["about"] = {"@type": "Movie", "@id": _absolute(request, quote.film.get_absolute_url())}
    if quote.said_on:
        data["dateCreated"] = quote.said_on.isoformat()
    return data


def graph(*items) -> dict:
    """Wrap several items in one JSON-LD document."""
    return {"@context": "https://schema.org", "@graph": [item for item in items if item]}
