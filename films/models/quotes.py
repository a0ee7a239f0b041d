"""What the directors said, and the citations that tie facts to sources."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.chinese import validate_chinese_punctuation
from core.content import ContentModel, Language, Localized, html_lang, localized
from core.links import entry_path
from films.models.base import (
    CitationTopic,
    HasThemes,
    PublicationStatus,
    choices_constraint,
    themes_prefetch,
)
from films.models.film import Film, directors_prefetch
from films.models.sources import Collection, Source, Theme


class QuoteQuerySet(models.QuerySet):
    def published(self):
        """Return quotes readers may see: published, and not about a draft film.

        Written as "not among the unpublished films' quotes" rather than as a join to
        every quote's film: the few unpublished films are looked up once, and counting
        the published quotes reads an index only.
        """
        # Named statuses, not "status != published": an index finds those rows.
        unpublished = [
            status for status in PublicationStatus if status != PublicationStatus.PUBLISHED
        ]
        unpublished_films = Film.objects.filter(status__in=unpublished)
        return self.filter(status=PublicationStatus.PUBLISHED).exclude(film__in=unpublished_films)

    def visible(self, drafts: bool = False):
        """Return every quote when `drafts` (curators), else only the published ones."""
        return self if drafts else self.published()

    def with_context(self):
        """Join what a quote is shown with: speaker, source, film and the film's label."""
        return self.select_related("speaker", "film", "source").prefetch_related(
            directors_prefetch("film__credits")
        )

    def for_list(self):
        """Return what a quote is listed with: its context and its themes."""
        return self.with_context().prefetch_related(themes_prefetch())

    def needs_sourcing(self):
        """Return quotes whose words in the original language are not in our sources."""
        return self.filter(text="")


class Quote(HasThemes, ContentModel):
    """A director's words, as said and as translated, with the source they come from."""

    speaker = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="quotes", verbose_name=_("speaker")
    )
    film = models.ForeignKey(
        Film,
        on_delete=models.PROTECT,
        related_name="quotes",
        null=True,
        blank=True,
        verbose_name=_("film"),
        help_text=_("The film the words are about, if any."),
    )
    text = models.TextField(
        _("words as said"),
        blank=True,
        help_text=_("Verbatim, in the language they were said in. Empty if not in our sources."),
    )
    language = models.CharField(
        _("language said in"), max_length=5, choices=Language.choices, default=Language.CHINESE
    )
    translation = models.TextField(
        _("translation"),
        blank=True,
        help_text=_("Into English, or into Chinese for English words."),
    )
    translation_note = models.CharField(
        _("translation note"),
        max_length=500,
        blank=True,
        help_text=_("Whose translation it is, e.g. 'Xinhua's English'."),
    )
    translation_note_zh = models.CharField(
        _("translation note (Chinese)"),
        max_length=500,
        blank=True,
        validators=[validate_chinese_punctuation],
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="quotes", verbose_name=_("source")
    )
    source_note = models.CharField(
        _("source note"),
        max_length=500,
        blank=True,
        help_text=_("Other sources with the same words, variants between them."),
    )
    source_note_zh = models.CharField(
        _("source note (Chinese)"),
        max_length=500,
        blank=True,
        validators=[validate_chinese_punctuation],
    )
    occasion = models.CharField(_("occasion (English)"), max_length=300, blank=True)
    occasion_zh = models.CharField(
        _("occasion (Chinese)"),
        max_length=300,
        blank=True,
        validators=[validate_chinese_punctuation],
    )
    said_on = models.DateField(_("date said"), null=True, blank=True)
    themes = models.ManyToManyField(
        Theme, related_name="quotes", blank=True, verbose_name=_("themes")
    )
    status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["pk"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(translation=""),
                name="quote_has_words",
                violation_error_message=_("Enter the words as said, or their translation."),
            ),
            choices_constraint("language", Language, "quote_language_valid"),
            choices_constraint("status", PublicationStatus, "quote_status_valid"),
        ]
        indexes = [
            models.Index(fields=["status", "speaker"], name="quote_status_speaker_idx"),
            models.Index(fields=["status", "film"], name="quote_status_film_idx"),
            # The quotes page and the home page list published quotes in id order: read
            # in index order, they stop after a page instead of sorting every quote.
            models.Index(fields=["status", "id"], name="quote_status_id_idx"),
        ]

    def __str__(self):
        words = self.text or self.translation
        return words if len(words) <= 60 else words[:59] + "…"

    def get_absolute_url(self):
        return entry_path("quotes:detail", self.pk, "id")

    @property
    def lang(self) -> str:
        """Return the HTML `lang` of the words as said."""
        return html_lang(self.language)

    @property
    def translation_lang(self) -> str:
        """Return the HTML `lang` of the translation: English, or Chinese for other words."""
        return "en" if self.language != Language.ENGLISH else "zh-Hans"

    @property
    def occasion_text(self) -> Localized:
        """Return the occasion in the active language, falling back to the other one."""
        return localized(self, "occasion")

    @property
    def words_en(self) -> str:
        """Return the words in English: as said, or the translation into English."""
        return self.text if self.language == Language.ENGLISH else self.translation

    @property
    def words_zh(self) -> str:
        """Return the words in Chinese: as said, or the translation of English words."""
        if self.language == Language.CHINESE:
            return self.text
        return self.translation if self.language == Language.ENGLISH else ""


class CitationQuerySet(models.QuerySet):
    def visible(self, drafts: bool = False):
        """Return citations whose subject the reader may see (not a draft film)."""
        if drafts:
            return self
        return self.filter(Q(film__isnull=True) | Q(film__status=PublicationStatus.PUBLISHED))

    def with_subjects(self):
        """Join each citation's source and subject, with a film's directors for its label."""
        return self.select_related(
            "source", "film", "person", "collection", "theme"
        ).prefetch_related(directors_prefetch("film__credits"))


SAME_CITATION = _("This citation exists already: the same source for the same fact.")


class Citation(models.Model):
    """A source supporting one fact about a film, a person or the collection."""

    Topic = CitationTopic

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    film = models.ForeignKey(
        Film,
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
        verbose_name=_("film"),
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
        verbose_name=_("person"),
    )
    collection = models.ForeignKey(
        Collection,
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
        verbose_name=_("collection"),
    )
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.CASCADE,
        related_name="citations",
        null=True,
        blank=True,
        verbose_name=_("theme"),
        help_text=_(
            "For a film's theme that this source states; a theme link without one is "
            "shown as our reading."
        ),
    )
    note = models.CharField(
        _("what it supports"), max_length=500, help_text=_("The fact, in a few words.")
    )
    note_zh = models.CharField(
        _("what it supports (Chinese)"),
        max_length=500,
        blank=True,
        validators=[validate_chinese_punctuation],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(film__isnull=False, person__isnull=True, collection__isnull=True)
                    | Q(film__isnull=True, person__isnull=False, collection__isnull=True)
                    | Q(film__isnull=True, person__isnull=True, collection__isnull=False)
                ),
                name="citation_has_one_subject",
                violation_error_message=_(
                    "A citation supports a fact about exactly one film, person or collection."
                ),
            ),
            choices_constraint("topic", CitationTopic, "citation_topic_valid"),
            # Without a condition (a null subject never conflicts: NULLs are distinct in a
            # unique index), so that the admin's inline rows are checked against each other
            # before the save, as Django checks unconditional unique constraints only.
            models.UniqueConstraint(
                fields=["film", "source", "topic", "note"],
                name="unique_film_citation",
                violation_error_message=SAME_CITATION,
            ),
            models.UniqueConstraint(
                fields=["person", "source", "topic", "note"],
                name="unique_person_citation",
                violation_error_message=SAME_CITATION,
            ),
            models.UniqueConstraint(
                fields=["collection", "source", "topic", "note"],
                name="unique_collection_citation",
                violation_error_message=SAME_CITATION,
            ),
        ]

    def __str__(self):
        return f"{self.source}: {self.note}"
