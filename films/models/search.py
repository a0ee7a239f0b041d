"""The search index's documents: one row per film, person, theme and quote."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from films.models.base import (
    choices_constraint,
)


class SearchKind(models.TextChoices):
    FILM = "film", _("Film")
    PERSON = "person", _("Person")
    THEME = "theme", _("Theme")
    QUOTE = "quote", _("Quote")
    COLLECTION = "collection", _("Project")
    MILESTONE = "milestone", _("Milestone")


class SearchDocument(models.Model):
    """One published entry as the search index sees it (maintained by films/search/).

    `title_text` holds titles, names and a quote's words; `body_text` the prose. Both are
    normalised so that every Chinese character is a token of its own: a full-text index
    then finds 麦收 inside any run of Chinese, as a phrase of two characters. The index
    itself is engine-specific (see migration 0003): an FTS5 table on SQLite, a generated
    tsvector column with a GIN index on PostgreSQL.
    """

    kind = models.CharField(max_length=10, choices=SearchKind.choices)
    object_id = models.BigIntegerField()
    title_text = models.TextField()
    body_text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document"),
            choices_constraint("kind", SearchKind, "search_document_kind_valid"),
        ]
        # One index of row order per kind: PostgreSQL walks it to find the first matches
        # of a common word without stepping over the other kinds' rows.
        indexes = [
            models.Index(fields=["id"], condition=Q(kind=kind), name=f"search_{kind}_order_idx")
            for kind in SearchKind.values
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
