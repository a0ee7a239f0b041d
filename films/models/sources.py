"""Sources, the collection, its milestones and the themes the works treat."""

from urllib.parse import urlsplit

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.chinese import validate_chinese_punctuation
from core.content import ContentModel, Language, Localized, html_lang
from core.links import entry_path
from films.models.base import (
    DatePrecision,
    PublicationStatus,
    choices_constraint,
    reading_chinese,
    related,
)


class SourceKind(models.TextChoices):
    """What kind of page a source is, as far as the page itself shows."""

    NEWS = "news", _("News report")
    OFFICIAL = "official", _("Official account or press release")
    INTERVIEW = "interview", _("Interview")
    PROFILE = "profile", _("Profile")
    COMMENTARY = "commentary", _("Commentary or column")
    REVIEW = "review", _("Review")
    RECAP = "recap", _("Recap or attendee's account")
    BLOG = "blog", _("Blog post")
    RESEARCH = "research", _("Research report")
    ENCYCLOPEDIA = "encyclopedia", _("Encyclopedia or dictionary")
    PROMOTION = "promotion", _("Promotional text")


class ReadCopy(models.TextChoices):
    """Whether the address read is the page as published, or a copy of it elsewhere."""

    AS_FOUND = "as_found", _("The page as found")
    REPRINT = "reprint", _("A reprint")
    MIRROR = "mirror", _("A mirror or proxy copy")


# A source's key goes into its page's address (/sources/S6/).
source_key_validator = RegexValidator(
    r"^[A-Za-z0-9_-]*$", _("Use only letters, digits, hyphens and underscores.")
)


class SourceQuerySet(models.QuerySet):
    def for_api_detail(self, *, drafts: bool = False):
        """Join what a source's entry shows: the facts it supports and their subjects."""
        return self.prefetch_related(
            Prefetch(
                "citations",
                queryset=related(self, "citations").objects.visible(drafts).with_subjects(),
            )
        )


class Source(ContentModel):
    """A published page that facts in filmbase rest on (the dossier's [S…] entries)."""

    Kind = SourceKind
    Copy = ReadCopy

    key = models.CharField(
        _("key"),
        max_length=20,
        blank=True,
        validators=[source_key_validator],
        help_text=_("The source list's identifier, e.g. S6; also its page's address."),
    )
    title = models.CharField(_("title"), max_length=500)
    title_zh = models.CharField(
        _("title (Chinese)"),
        max_length=500,
        blank=True,
        validators=[validate_chinese_punctuation],
        help_text=_(
            "Only for a title we wrote, describing a page that has none: the same in Chinese."
        ),
    )
    outlet = models.CharField(_("outlet"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind of page"), max_length=12, choices=SourceKind.choices, default=SourceKind.NEWS
    )
    url = models.URLField(_("address read"), max_length=2000)
    read_copy = models.CharField(
        _("the address read is"),
        max_length=8,
        choices=ReadCopy.choices,
        default=ReadCopy.AS_FOUND,
        help_text=_("Say when the page read is a reprint or a mirror of the original."),
    )
    original_url = models.URLField(
        _("original address"),
        max_length=2000,
        blank=True,
        help_text=_("Where the original was published, when known and not the address read."),
    )
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    published_on = models.DateField(_("published"), null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Reprint, mirror, low authority, garbled text…")
    )
    note_zh = models.TextField(
        _("note (Chinese)"), blank=True, validators=[validate_chinese_punctuation]
    )

    # The page's own title is not ours to translate; only a description of ours is.
    untranslated_fields = ("title",)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="unique_source_key"),
            choices_constraint("language", Language, "source_language_valid"),
            choices_constraint("kind", SourceKind, "source_kind_valid"),
            choices_constraint("read_copy", ReadCopy, "source_read_copy_valid"),
        ]

    @property
    def title_text(self) -> Localized:
        """Return the title to show, with its language: our Chinese description of an
        untitled page on Chinese pages, else the title (in the page's language, or in
        English when it is a description of ours)."""
        if self.title_zh and reading_chinese():
            return Localized(self.title_zh, "zh-Hans")
        return Localized(self.title, "en" if self.title_zh else html_lang(self.language))

    def __str__(self):
        return f"[{self.key}] {self.label}" if self.key else self.label

    def get_absolute_url(self):
        # A source without a key (added by a curator) is found by its id instead.
        return entry_path("sources:detail", self.page_key, "page_key")

    @property
    def page_key(self) -> str:
        """Return what its page's address names it by: the key, else the id."""
        return self.key or str(self.pk)

    @property
    def label(self) -> str:
        """Return the source as a reader names it: "Outlet: Title"."""
        return f"{self.outlet}: {self.title}" if self.outlet else self.title

    @property
    def is_copy(self) -> bool:
        """Return whether the address read is a reprint or mirror of the original."""
        return self.read_copy != ReadCopy.AS_FOUND

    @property
    def read_host(self) -> str:
        """Return the host name of the address read ("newzone.eu")."""
        return urlsplit(self.url).hostname or self.url

    @property
    def link_url(self) -> str:
        """Return where a reader should go to see it: the original if known, else the copy."""
        return self.original_url or self.url


class CollectionQuerySet(models.QuerySet):
    def for_api_detail(self, *, drafts: bool = False):
        """Join what the project's entry shows: its films and the sources of its facts."""
        return self.prefetch_related(
            Prefetch(
                "films", queryset=related(self, "films").objects.visible(drafts).with_directors()
            ),
            Prefetch(
                "citations", queryset=related(self, "citations").objects.select_related("source")
            ),
        )


class Collection(ContentModel):
    """The co-creation project that the works belong to, and its premiere."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name (English)"), max_length=300)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    organiser = models.CharField(_("organiser (English)"), max_length=300, blank=True)
    organiser_zh = models.CharField(_("organiser (Chinese)"), max_length=300, blank=True)
    premiere_date = models.DateField(_("premiere date"), null=True, blank=True)
    venue = models.CharField(_("venue (English)"), max_length=300, blank=True)
    venue_zh = models.CharField(_("venue (Chinese)"), max_length=300, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(
        _("description (Chinese)"), blank=True, validators=[validate_chinese_punctuation]
    )

    objects = CollectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.name


class MilestoneQuerySet(models.QuerySet):
    def for_api_list(self):
        """Join each milestone's source."""
        return self.select_related("source")


class Milestone(ContentModel):
    """A dated step in Keling's development, as the coverage reports it."""

    Precision = DatePrecision

    date = models.DateField(
        _("date"), help_text=_("For a month or a year, enter its first day and set the precision.")
    )
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    date_is_uncertain = models.BooleanField(_("date uncertain"), default=False)
    title = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(
        _("description (Chinese)"), blank=True, validators=[validate_chinese_punctuation]
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("source")
    )
    is_later_context = models.BooleanField(
        _("later context"),
        default=False,
        help_text=_("Happened after the December 2024 premiere."),
    )

    objects = MilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            choices_constraint("date_precision", DatePrecision, "milestone_precision_valid"),
        ]
        indexes = [models.Index(fields=["date"], name="milestone_date_idx")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    @property
    def date_iso(self) -> str:
        """Return the date as precise as it is known: 2024-06-06, 2024-07 or 2024."""
        return {
            DatePrecision.YEAR: f"{self.date:%Y}",
            DatePrecision.MONTH: f"{self.date:%Y-%m}",
        }.get(self.date_precision, self.date.isoformat())

    @property
    def date_text(self) -> str:
        """Return the date in the active language, no more precise than it is known."""
        if self.date_precision == DatePrecision.YEAR:
            return date_format(self.date, "Y") + ("年" if reading_chinese() else "")
        if self.date_precision == DatePrecision.MONTH:
            return date_format(self.date, "YEAR_MONTH_FORMAT")
        return date_format(self.date, "DATE_FORMAT")


class ThemeQuerySet(models.QuerySet):
    def with_counts(self):
        """Annotate `film_count` and `quote_count`: how many published entries treat it.

        Counted in correlated subqueries rather than with two joined Counts, whose cross
        product grows with films × quotes per theme.
        """
        films = (
            self.model.films.through.objects.filter(
                theme=OuterRef("pk"), film__status=PublicationStatus.PUBLISHED
            )
            .values("theme")
            .annotate(n=Count("pk"))
            .values("n")
        )
        quotes = (
            related(self, "quotes")
            .objects.published()
            .filter(themes=OuterRef("pk"))
            .values("themes")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            film_count=Coalesce(Subquery(films), 0), quote_count=Coalesce(Subquery(quotes), 0)
        )

    def for_api_detail(self, *, drafts: bool = False):
        """Join what the API's theme entry shows: its films and quotes, with their labels."""
        return self.prefetch_related(
            Prefetch(
                "films", queryset=related(self, "films").objects.visible(drafts).with_directors()
            ),
            Prefetch(
                "quotes", queryset=related(self, "quotes").objects.visible(drafts).with_context()
            ),
        )


class Theme(ContentModel):
    """A subject the works treat, as the sources describe them."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(
        _("description (Chinese)"), blank=True, validators=[validate_chinese_punctuation]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ThemeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        indexes = [models.Index(fields=["order", "name"], name="theme_order_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return entry_path("themes:detail", self.slug)
