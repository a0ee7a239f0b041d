"""The co-creation project, its nine works, their themes, quotes and sources.

The model carries what the sources say *and what they do not*: a title can be
confirmed, uncertain or unknown; a runtime the sources disagree on stays empty with a
note; every quote and every milestone points at the source it comes from.
"""

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.content import (
    ContentModel,
    Language,
    Localized,
    html_lang,
    is_chinese,
    localized,
)
from core.links import entry_path
from films.validators import ValidatedImageField


def _choices_constraint(field: str, choices: type[models.TextChoices], name: str):
    """Back a TextChoices field with a CheckConstraint: choices alone don't bind the DB."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def _is_chinese() -> bool:
    return is_chinese(get_language())


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class TitleStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    UNCERTAIN = "uncertain", _("Uncertain")
    UNKNOWN = "unknown", _("Unknown")


class CreditRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    SCREENWRITER = "screenwriter", _("Screenwriter")
    AIGC_ARTIST = "aigc_artist", _("AIGC artist")
    EDITOR = "editor", _("Editor")
    PRODUCER = "producer", _("Producer")
    COMPOSER = "composer", _("Composer")
    CINEMATOGRAPHER = "cinematographer", _("Cinematographer")
    ORIGINAL_AUTHOR = "original_author", _("Author of the original work")
    OTHER = "other", pgettext_lazy("credit role", "Other")


class CitationTopic(models.TextChoices):
    TITLE = "title", _("Title")
    RUNTIME = "runtime", _("Runtime")
    SYNOPSIS = "synopsis", _("Synopsis")
    THEMES = "themes", _("Genre and themes")
    PRODUCTION = "production", _("Production")
    PREMIERE = "premiere", _("Premiere")
    NAMES = "names", _("Names")
    BIRTH = "birth", _("Birth")
    PROFILE = "profile", _("Profile")
    WORKS = "works", _("Works")
    GENERAL = "general", _("General")


class SourceQuerySet(models.QuerySet):
    def for_api_detail(self, *, drafts: bool = False):
        """Join what a source's entry shows: the facts it supports and their subjects."""
        return self.prefetch_related(
            Prefetch("citations", queryset=Citation.objects.visible(drafts).with_subjects())
        )


class Source(ContentModel):
    """A published page that facts in filmbase rest on (the dossier's [S…] entries)."""

    key = models.CharField(
        _("key"),
        max_length=20,
        blank=True,
        help_text=_("The dossier's identifier, e.g. S6. Leave empty for new sources."),
    )
    title = models.CharField(_("title"), max_length=500)
    outlet = models.CharField(_("outlet"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=2000)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    published_on = models.DateField(_("published"), null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Reprint, mirror, low authority, garbled text…")
    )

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="unique_source_key"),
            _choices_constraint("language", Language, "source_language_valid"),
        ]

    def __str__(self):
        label = f"{self.outlet}: {self.title}" if self.outlet else self.title
        return f"[{self.key}] {label}" if self.key else label


class CollectionQuerySet(models.QuerySet):
    def for_api_detail(self, *, drafts: bool = False):
        """Join what the project's entry shows: its films and the sources of its facts."""
        return self.prefetch_related(
            Prefetch("films", queryset=Film.objects.visible(drafts).with_directors()),
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
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
    description_zh = models.TextField(_("description (Chinese)"), blank=True)

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
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
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
            _choices_constraint("date_precision", DatePrecision, "milestone_precision_valid"),
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
            return date_format(self.date, "Y") + ("年" if _is_chinese() else "")
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
            Film.themes.through.objects.filter(
                theme=OuterRef("pk"), film__status=PublicationStatus.PUBLISHED
            )
            .values("theme")
            .annotate(n=Count("pk"))
            .values("n")
        )
        quotes = (
            Quote.objects.published()
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
            Prefetch("films", queryset=Film.objects.visible(drafts).with_directors()),
            Prefetch("quotes", queryset=Quote.objects.visible(drafts).with_context()),
        )


class Theme(ContentModel):
    """A subject the works treat, as the sources describe them."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
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


# What a film card, a film's label and its JSON-LD in a list read (FilmQuerySet.for_list).
CARD_FIELDS = ("slug", "title", "title_zh", "title_status", "poster")
PERSON_CARD_FIELDS = ("slug", "name", "name_zh")


def _directors_prefetch(lookup: str, people: tuple[str, ...] = ()) -> Prefetch:
    """Prefetch a film's director credits, with their people, into `director_credits`;
    of the people only the fields `people` names, if it names any."""
    queryset = Credit.objects.filter(role=CreditRole.DIRECTOR).select_related("person")
    if people:
        queryset = queryset.only("film_id", *(f"person__{name}" for name in people))
    return Prefetch(lookup, queryset=queryset.order_by("order", "pk"), to_attr="director_credits")


class FilmQuerySet(models.QuerySet):
    def published(self):
        """Return the films readers may see."""
        return self.filter(status=PublicationStatus.PUBLISHED)

    def visible(self, drafts: bool = False):
        """Return every film when `drafts` (curators), else only the published ones."""
        return self if drafts else self.published()

    def with_directors(self):
        """Prefetch director credits into `director_credits`, for labels and cards."""
        return self.prefetch_related(_directors_prefetch("credits"))

    def for_list(self):
        """Return what a film card shows: the film and its directors (two queries).

        Only the columns a card and its JSON-LD read: a list of 24 films skips their prose
        and timestamps, and their directors' biographies.
        """
        return self.only(*CARD_FIELDS).prefetch_related(
            _directors_prefetch("credits", people=PERSON_CARD_FIELDS)
        )

    def for_detail(self):
        """Join everything the film page shows, in a fixed number of queries.

        The collection comes in the same row; credits (with people), themes, citations
        (with sources) and the published quotes (with speakers and sources) come in one
        query each, whatever their number.
        """
        return self.select_related("collection").prefetch_related(
            Prefetch(
                "credits",
                queryset=Credit.objects.select_related("person").order_by("order", "pk"),
                to_attr="all_credits",
            ),
            "themes",
            Prefetch(
                "citations",
                queryset=Citation.objects.select_related("source").order_by("order", "pk"),
                to_attr="source_citations",
            ),
            Prefetch(
                "quotes",
                queryset=Quote.objects.filter(status=PublicationStatus.PUBLISHED)
                .select_related("speaker", "source")
                .order_by("said_on", "pk"),
                to_attr="published_quotes",
            ),
        )

    def adjacent_to(self, film) -> tuple["Film | None", "Film | None"]:
        """Return the films just before and just after `film` in collection order.

        One query finds both (two scalar subqueries), one more fetches their directors.
        """
        before = self.filter(Q(order__lt=film.order) | Q(order=film.order, pk__lt=film.pk))
        after = self.filter(Q(order__gt=film.order) | Q(order=film.order, pk__gt=film.pk))
        previous_pk = before.order_by("-order", "-pk").values("pk")[:1]
        next_pk = after.order_by("order", "pk").values("pk")[:1]
        neighbours = list(
            self.filter(Q(pk=Subquery(previous_pk)) | Q(pk=Subquery(next_pk))).with_directors()
        )
        previous = next((f for f in neighbours if (f.order, f.pk) < (film.order, film.pk)), None)
        following = next((f for f in neighbours if (f.order, f.pk) > (film.order, film.pk)), None)
        return previous, following

    def for_api_list(self):
        """Join what the API's film list shows: directors and themes."""
        return self.with_directors().prefetch_related("themes")

    def for_api_detail(self, *, drafts: bool = False):
        """Join what the API's film entry shows: credits, quotes and the sources of its facts."""
        return (
            self.for_api_list()
            .select_related("collection")
            .prefetch_related(
                Prefetch("credits", queryset=Credit.objects.select_related("person")),
                Prefetch(
                    "quotes",
                    queryset=Quote.objects.visible(drafts).select_related("speaker", "source"),
                ),
                Prefetch("citations", queryset=Citation.objects.select_related("source")),
            )
        )

    def needs_sourcing(self):
        """Return films whose title is not settled or that cite no source at all."""
        return self.filter(
            Q(title_status__in=[Film.TitleStatus.UNCERTAIN, Film.TitleStatus.UNKNOWN])
            | Q(citations__isnull=True)
        ).distinct()


class Film(ContentModel):
    """One of the works, with exactly as much of a title as the sources give it."""

    TitleStatus = TitleStatus

    collection = models.ForeignKey(
        Collection, on_delete=models.PROTECT, related_name="films", verbose_name=_("collection")
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Position within the collection.")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    # NULL, not "", means "not in our sources": the constraints below forbid the empty
    # string, so there is exactly one way to say a title is unknown.
    title = models.CharField(  # noqa: DJ001
        _("English title"), max_length=300, null=True, blank=True, help_text=_("Empty if unknown.")
    )
    title_zh = models.CharField(  # noqa: DJ001
        _("Chinese title"), max_length=300, null=True, blank=True, help_text=_("Empty if unknown.")
    )
    title_status = models.CharField(
        _("title status"),
        max_length=10,
        choices=TitleStatus.choices,
        default=TitleStatus.UNKNOWN,
        help_text=_("Confirmed by two consistent sources, suggested by one, or not found."),
    )
    title_is_official = models.BooleanField(
        _("English title is official"),
        default=False,
        help_text=_("Leave unticked when the English title is a translation or a rendering."),
    )
    title_note = models.TextField(
        _("title note"), blank=True, help_text=_("Where the titles come from, and any doubt.")
    )
    other_titles = models.TextField(
        _("other titles"), blank=True, help_text=_("Variant forms, one per line.")
    )
    synopsis = models.TextField(_("synopsis (English)"), blank=True)
    synopsis_zh = models.TextField(_("synopsis (Chinese)"), blank=True)
    runtime_seconds = models.PositiveIntegerField(_("runtime in seconds"), null=True, blank=True)
    runtime_is_approximate = models.BooleanField(_("runtime approximate"), default=False)
    runtime_note = models.CharField(
        _("runtime note"),
        max_length=500,
        blank=True,
        help_text=_("Record disagreement between sources here and leave the runtime empty."),
    )
    premiere_date = models.DateField(_("premiere date"), null=True, blank=True)
    production_notes = models.TextField(_("production notes (English)"), blank=True)
    production_notes_zh = models.TextField(_("production notes (Chinese)"), blank=True)
    watch_url = models.URLField(_("watch link"), max_length=1000, blank=True)
    poster = ValidatedImageField(
        _("poster"),
        upload_to="posters/",
        blank=True,
        help_text=_("JPEG, PNG or WebP, up to 5 MB. Without one, a poster is generated."),
    )
    status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    themes = models.ManyToManyField(
        Theme, related_name="films", blank=True, verbose_name=_("themes")
    )

    objects = FilmQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[themes])

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("film")
        verbose_name_plural = _("films")
        constraints = [
            models.CheckConstraint(
                condition=Q(runtime_seconds__isnull=True) | Q(runtime_seconds__gt=0),
                name="film_runtime_positive",
                violation_error_message=_("A runtime must be more than zero seconds."),
            ),
            _choices_constraint("title_status", TitleStatus, "film_title_status_valid"),
            _choices_constraint("status", PublicationStatus, "film_status_valid"),
            models.CheckConstraint(
                condition=~Q(title="") & ~Q(title_zh=""),
                name="film_titles_null_not_empty",
                violation_error_message=_("Leave an unknown title empty, not blank."),
            ),
            models.CheckConstraint(
                condition=~Q(title_status="unknown")
                | (Q(title__isnull=True) & Q(title_zh__isnull=True)),
                name="film_unknown_title_is_empty",
                violation_error_message=_("A film whose title is unknown has no title."),
            ),
            models.CheckConstraint(
                condition=Q(title_status="unknown")
                | Q(title__isnull=False)
                | Q(title_zh__isnull=False),
                name="film_known_title_is_given",
                violation_error_message=_("Enter a title, or set the title status to unknown."),
            ),
            models.CheckConstraint(
                condition=Q(title_is_official=False) | Q(title__isnull=False),
                name="film_official_title_exists",
                violation_error_message=_("Only an English title that exists can be official."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "order"], name="film_status_order_idx"),
            models.Index(fields=["title_status"], name="film_title_status_idx"),
            models.Index(fields=["premiere_date"], name="film_premiere_idx"),
        ]

    @classmethod
    def from_db(cls, db, field_names, values):
        film = super().from_db(db, field_names, values)
        # The stored poster's name, so that replacing it deletes the old file (uploads.py).
        film._stored_poster = film.__dict__.get("poster") or ""
        return film

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return entry_path("films:detail", self.slug)

    @property
    def directors(self) -> list:
        """Return the directors, from the `with_directors()` or `for_detail()` prefetch."""
        credits = getattr(self, "director_credits", None)
        if credits is None and hasattr(self, "all_credits"):
            credits = [c for c in self.all_credits if c.role == Credit.Role.DIRECTOR]
        if credits is None:
            credits = self.credits.filter(role=Credit.Role.DIRECTOR).select_related("person")
        return [credit.person for credit in credits]

    def _director_names(self, attr: str, separator: str) -> str:
        return separator.join(getattr(person, attr) or person.name for person in self.directors)

    @property
    def display_title(self) -> str:
        """Return the English label: the title, else the Chinese title, else 'Untitled film by …'.

        Never an invented title: a film the sources leave untitled is called untitled.
        """
        if self.title:
            return self.title
        if self.title_zh:
            return self.title_zh
        names = self._director_names("name", " & ")
        return f"Untitled film by {names}" if names else "Untitled film"

    @property
    def display_title_zh(self) -> str:
        """Return the Chinese label: the Chinese title, else the English one, else 无题作品."""
        if self.title_zh:
            return f"《{self.title_zh}》"
        if self.title:
            return self.title
        names = self._director_names("name_zh", "、")
        return f"{names}导演的未命名作品" if names else "未命名作品"

    @property
    def label(self) -> str:
        """Return the display title in the active language."""
        return self.display_title_zh if _is_chinese() else self.display_title

    @property
    def label_lang(self) -> str:
        """Return the HTML `lang` of `label`: the language of the title it shows."""
        if _is_chinese():
            return "zh-Hans" if self.title_zh or not self.title else "en"
        return "en" if self.title or not self.title_zh else "zh-Hans"

    @property
    def titles(self) -> list[Localized]:
        """Return the titles to show, the active language's first, each with its language.

        A film with no title in either language gets the honest label ("Untitled film
        by …"), never an invented title.
        """
        english = Localized(self.title, "en") if self.title else None
        chinese = Localized(self.title_zh, "zh-Hans") if self.title_zh else None
        ordered = [chinese, english] if _is_chinese() else [english, chinese]
        titles = [title for title in ordered if title]
        if titles:
            return titles
        return [Localized(self.label, html_lang(get_language()))]

    @property
    def title_status_text(self) -> str:
        """Return what a reader should know about the title, or '' when it is settled."""
        if self.title_status == TitleStatus.UNKNOWN:
            return gettext("Untitled in our sources")
        if self.title_status == TitleStatus.UNCERTAIN:
            return gettext("Title not yet confirmed")
        return ""

    @property
    def english_title_text(self) -> str:
        """Say whether the English title is the film's own or a translation."""
        if not self.title:
            return ""
        if self.title_is_official:
            return gettext("English title: official")
        return gettext("English title: translation")

    @property
    def runtime_minutes(self) -> int | None:
        """Return the runtime in whole minutes (at least one), or None when not known."""
        if not self.runtime_seconds:
            return None
        return max(1, round(self.runtime_seconds / 60))

    @property
    def other_titles_list(self) -> list[str]:
        return [line.strip() for line in self.other_titles.splitlines() if line.strip()]

    @property
    def other_credits(self) -> list[tuple[str, list]]:
        """Return the credits other than director, grouped by role: [(role label, people)].

        Uses the `for_detail()` prefetch.
        """
        groups: dict[str, list] = {}
        for credit in self.all_credits:
            if credit.role != Credit.Role.DIRECTOR:
                groups.setdefault(credit.get_role_display(), []).append(credit.person)
        return list(groups.items())


class CreditQuerySet(models.QuerySet):
    def filmography(self, person):
        """Return `person`'s credits on published films, each film with its directors."""
        return (
            self.filter(person=person, film__status=PublicationStatus.PUBLISHED)
            .select_related("film")
            .prefetch_related(_directors_prefetch("film__credits"))
            .order_by("film__order", "film__pk", "order", "pk")
        )

    def visible(self, drafts: bool = False):
        """Return credits on the films the reader may see."""
        return self if drafts else self.filter(film__status=PublicationStatus.PUBLISHED)

    def with_films(self):
        """Join each credit's film, with the film's directors for its label."""
        return self.select_related("film").prefetch_related(_directors_prefetch("film__credits"))


class Credit(models.Model):
    """A person's role on a film. Directors are the people with a director credit."""

    Role = CreditRole

    film = models.ForeignKey(
        Film, on_delete=models.CASCADE, related_name="credits", verbose_name=_("film")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="credits", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CreditQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["film", "order", "pk"]
        verbose_name = _("credit")
        verbose_name_plural = _("credits")
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role"],
                name="unique_credit",
                violation_error_message=_("This person already has this role on this film."),
            ),
            _choices_constraint("role", CreditRole, "credit_role_valid"),
        ]
        indexes = [models.Index(fields=["person", "role"], name="credit_person_role_idx")]

    def __str__(self):
        return f"{self.person.name}: {self.get_role_display()}"


class QuoteQuerySet(models.QuerySet):
    def published(self):
        """Return quotes readers may see: published, and not about a draft film.

        Written as "not among the unpublished films' quotes" rather than as a join to
        every quote's film: the few unpublished films are looked up once, and counting
        the published quotes reads an index only (10,000 films on SQLite: 4.8 → 2.0 ms).
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
            _directors_prefetch("film__credits")
        )

    def for_list(self):
        """Return what a quote is listed with: its context and its themes."""
        return self.with_context().prefetch_related("themes")

    def needs_sourcing(self):
        """Return quotes whose words in the original language are not in our sources."""
        return self.filter(text="")


class Quote(ContentModel):
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
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="quotes", verbose_name=_("source")
    )
    source_note = models.CharField(
        _("source note"),
        max_length=500,
        blank=True,
        help_text=_("Other sources with the same words, variants between them."),
    )
    occasion = models.CharField(_("occasion (English)"), max_length=300, blank=True)
    occasion_zh = models.CharField(_("occasion (Chinese)"), max_length=300, blank=True)
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
            _choices_constraint("language", Language, "quote_language_valid"),
            _choices_constraint("status", PublicationStatus, "quote_status_valid"),
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
        return entry_path("quotes:list", self.pk, "id", "#quote-")

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
        return self.select_related("source", "film", "person", "collection").prefetch_related(
            _directors_prefetch("film__credits")
        )


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
    note = models.CharField(
        _("what it supports"), max_length=500, help_text=_("The fact, in a few words.")
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
            _choices_constraint("topic", CitationTopic, "citation_topic_valid"),
            models.UniqueConstraint(
                fields=["film", "source", "topic", "note"],
                condition=Q(film__isnull=False),
                name="unique_film_citation",
            ),
            models.UniqueConstraint(
                fields=["person", "source", "topic", "note"],
                condition=Q(person__isnull=False),
                name="unique_person_citation",
            ),
            models.UniqueConstraint(
                fields=["collection", "source", "topic", "note"],
                condition=Q(collection__isnull=False),
                name="unique_collection_citation",
            ),
        ]

    def __str__(self):
        return f"{self.source}: {self.note}"


class SearchKind(models.TextChoices):
    FILM = "film", _("Film")
    PERSON = "person", _("Person")
    THEME = "theme", _("Theme")
    QUOTE = "quote", _("Quote")


class SearchDocument(models.Model):
    """One published entry as the search index sees it (maintained by films/search.py).

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
            _choices_constraint("kind", SearchKind, "search_document_kind_valid"),
        ]
        # One index of row order per kind: PostgreSQL walks it to find the first matches
        # of a common word without stepping over the other kinds' rows.
        indexes = [
            models.Index(fields=["id"], condition=Q(kind=kind), name=f"search_{kind}_order_idx")
            for kind in SearchKind.values
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
