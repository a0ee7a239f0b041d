"""The co-creation project, its nine works, their themes, quotes and sources.

The model carries what the sources say *and what they do not*: a title can be
confirmed, uncertain or unknown; a runtime the sources disagree on stays empty with a
note; every quote and every milestone points at the source it comes from.
"""

from films.models.base import (
    CitationTopic,
    CreditRole,
    DatePrecision,
    PublicationStatus,
    TitleStatus,
)
from films.models.film import CARD_FIELDS, PERSON_CARD_FIELDS, Credit, Film
from films.models.production import (
    Confidence,
    DigitalSourceType,
    DoneBy,
    KelingFeature,
    ProductionKind,
    ProductionStage,
    ProductionStatement,
    Relation,
    digital_source_type_uri,
    grouped,
    statements_of,
)
from films.models.quotes import Citation, Quote
from films.models.search import SearchDocument, SearchKind
from films.models.sources import Collection, Milestone, ReadCopy, Source, SourceKind, Theme

__all__ = [
    "CARD_FIELDS",
    "PERSON_CARD_FIELDS",
    "Citation",
    "CitationTopic",
    "Collection",
    "Confidence",
    "Credit",
    "CreditRole",
    "DatePrecision",
    "DigitalSourceType",
    "DoneBy",
    "Film",
    "KelingFeature",
    "Milestone",
    "ProductionKind",
    "ProductionStage",
    "ProductionStatement",
    "PublicationStatus",
    "Quote",
    "ReadCopy",
    "Relation",
    "SearchDocument",
    "SearchKind",
    "Source",
    "SourceKind",
    "Theme",
    "TitleStatus",
    "digital_source_type_uri",
    "grouped",
    "statements_of",
]
