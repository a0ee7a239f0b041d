"""The works and their credits."""

from django.db import models
from django.db.models import Prefetch, Q, Subquery, prefetch_related_objects
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.chinese import validate_chinese_punctuation
from core.content import ContentModel, Localized, html_lang
from core.links import entry_path
from films.models.base import (
    CreditRole,
    HasThemes,
    PublicationStatus,
    TitleStatus,
    choices_constraint,
    reading_chinese,
    related,
    themes_prefetch,
)
from films.models.sources import Collection, Theme
from films.validators import ValidatedImageField

# What a film card, a film's label and its JSON-LD in a list read (FilmQuerySet.for_list).
CARD_FIELDS = ("slug", "title", "title_zh", "title_status", "title_is_official", "poster")
PERSON_CARD_FIELDS = ("slug", "name", "name_zh")


def production_prefetch(queryset, kinds: tuple[str, ...] = ()) -> Prefetch:
    """Prefetch the films' production statements (only of `kinds`, if given), with their
    people and sources, into `production_statements`: two queries, whatever the number
    of films."""
    statements = related(queryset, "production").objects.for_display()
    if kinds:
        statements = statements.filter(kind__in=kinds)
    return Prefetch("production", queryset=statements, to_attr="production_statements")


def directors_prefetch(lookup: str, people: tuple[str, ...] = ()) -> Prefetch:
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
        return self.prefetch_related(directors_prefetch("credits"))

    def for_list(self):
        """Return what a film card shows: the film and its directors (two queries).

        Only the columns a card and its JSON-LD read: a list of 24 films skips their prose
        and timestamps, and their directors' biographies.
        """
        return self.only(*CARD_FIELDS).prefetch_related(
            directors_prefetch("credits", people=PERSON_CARD_FIELDS)
        )

    def for_detail(self):
        """Join what the film page shows of the film, in a fixed number of queries.

        The collection comes in the same row; themes, citations (with sources), the
        published quotes (with speakers and sources) and the production statements (then
        their sources) come in one query each, whatever their number. The credits come
        with the neighbours' (`page_of()`).
        """
        return self.select_related("collection").prefetch_related(
            themes_prefetch(),
            Prefetch(
                "citations",
                queryset=related(self, "citations")
                .objects.select_related("source", "theme")
                .order_by("order", "pk"),
                to_attr="source_citations",
            ),
            Prefetch(
                "quotes",
                queryset=related(self, "quotes")
                .objects.filter(status=PublicationStatus.PUBLISHED)
                .select_related("speaker", "source")
                .order_by("said_on", "pk"),
                to_attr="published_quotes",
            ),
            production_prefetch(self),
        )

    def page_of(self, slug: str) -> tuple["Film", "Film | None", "Film | None"]:
        """Return the film `slug` as its page shows it, and the films before and after it.

        The film with its joins (`for_detail()`), its neighbours (`adjacent_to()`), then
        the credits of all three in one query, with their people: the neighbours' labels
        need their directors. Raises Film.DoesNotExist.
        """
        film = self.for_detail().get(slug=slug)
        previous, following = self.adjacent_to(film)
        credits = Credit.objects.select_related("person").order_by("order", "pk")
        prefetch_related_objects(
            [each for each in (film, previous, following) if each],
            Prefetch("credits", queryset=credits, to_attr="all_credits"),
        )
        return film, previous, following

    def adjacent_to(self, film) -> tuple["Film | None", "Film | None"]:
        """Return the films just before and just after `film` in collection order.

        One query finds both (two scalar subqueries); their credits are not fetched.
        """
        before = self.filter(Q(order__lt=film.order) | Q(order=film.order, pk__lt=film.pk))
        after = self.filter(Q(order__gt=film.order) | Q(order=film.order, pk__gt=film.pk))
        previous_pk = before.order_by("-order", "-pk").values("pk")[:1]
        next_pk = after.order_by("order", "pk").values("pk")[:1]
        neighbours = list(self.filter(Q(pk=Subquery(previous_pk)) | Q(pk=Subquery(next_pk))))
        previous = next((f for f in neighbours if (f.order, f.pk) < (film.order, film.pk)), None)
        following = next((f for f in neighbours if (f.order, f.pk) > (film.order, film.pk)), None)
        return previous, following

    def for_api_list(self):
        """Join what the API's film list shows: directors and themes."""
        return self.with_directors().prefetch_related(themes_prefetch())

    def for_api_detail(self, *, drafts: bool = False):
        """Join what the API's film entry shows: credits, quotes and the sources of its facts."""
        return (
            self.for_api_list()
            .select_related("collection")
            .prefetch_related(
                Prefetch("credits", queryset=Credit.objects.select_related("person")),
                Prefetch(
                    "quotes",
                    queryset=related(self, "quotes")
                    .objects.visible(drafts)
                    .select_related("speaker", "source"),
                ),
                Prefetch(
                    "citations",
                    queryset=related(self, "citations").objects.select_related("source", "theme"),
                ),
                production_prefetch(self),
            )
        )

    def needs_sourcing(self):
        """Return films whose title is not settled, that cite no source at all, or with a
        production statement that names no source."""
        unsourced = related(self, "production").objects.needs_sourcing().values("film_id")
        return self.filter(
            Q(title_status__in=[Film.TitleStatus.UNCERTAIN, Film.TitleStatus.UNKNOWN])
            | Q(citations__isnull=True)
            | Q(pk__in=unsourced)
        ).distinct()


class Film(HasThemes, ContentModel):
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
    title_note_zh = models.TextField(
        _("title note (Chinese)"), blank=True, validators=[validate_chinese_punctuation]
    )
    other_titles = models.TextField(
        _("other titles"), blank=True, help_text=_("Variant forms, one per line.")
    )
    synopsis = models.TextField(_("synopsis (English)"), blank=True)
    synopsis_zh = models.TextField(
        _("synopsis (Chinese)"), blank=True, validators=[validate_chinese_punctuation]
    )
    runtime_seconds = models.PositiveIntegerField(_("runtime in seconds"), null=True, blank=True)
    runtime_is_approximate = models.BooleanField(_("runtime approximate"), default=False)
    runtime_note = models.CharField(
        _("runtime note"),
        max_length=500,
        blank=True,
        help_text=_("Record disagreement between sources here and leave the runtime empty."),
    )
    runtime_note_zh = models.CharField(
        _("runtime note (Chinese)"),
        max_length=500,
        blank=True,
        validators=[validate_chinese_punctuation],
    )
    premiere_date = models.DateField(_("premiere date"), null=True, blank=True)
    production_notes = models.TextField(_("production notes (English)"), blank=True)
    production_notes_zh = models.TextField(
        _("production notes (Chinese)"), blank=True, validators=[validate_chinese_punctuation]
    )
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
            choices_constraint("title_status", TitleStatus, "film_title_status_valid"),
            choices_constraint("status", PublicationStatus, "film_status_valid"),
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
        """Return the directors, from the `with_directors()` or `page_of()` prefetch."""
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
        """Return the English label, saying how far the title goes.

        The title (else the Chinese one), marked "(title unconfirmed)" when one source
        only suggests it; for a film the sources give no title, "Title not in our
        sources" with its directors. Never an invented title, and never "untitled": no
        source says the film has no title.
        """
        title = self.title or self.title_zh
        if title:
            if self.title_status == TitleStatus.UNCERTAIN:
                return f"{title} (title unconfirmed)"
            return title
        names = self._director_names("name", " & ")
        return (
            f"Title not in our sources (film by {names})" if names else "Title not in our sources"
        )

    @property
    def display_title_zh(self) -> str:
        """Return the Chinese label: 《片名》, marked （片名待确认） when unconfirmed."""
        if self.title_zh:
            title = f"《{self.title_zh}》"
        elif self.title:
            title = self.title
        else:
            names = self._director_names("name_zh", "、")
            return f"片名未见于资料（{names}导演作品）" if names else "片名未见于资料"
        if self.title_status == TitleStatus.UNCERTAIN:
            return f"{title}（片名待确认）"
        return title

    @property
    def label(self) -> str:
        """Return the display title in the active language."""
        return self.display_title_zh if reading_chinese() else self.display_title

    @property
    def label_lang(self) -> str:
        """Return the HTML `lang` of `label`: the language of the title it shows."""
        if reading_chinese():
            return "zh-Hans" if self.title_zh or not self.title else "en"
        return "en" if self.title or not self.title_zh else "zh-Hans"

    @property
    def titles(self) -> list[Localized]:
        """Return the titles to show, the active language's first, each with its language.

        The first carries the title's status when one source only suggests it ("New
        World (title unconfirmed)", "新世界（片名待确认）"); a film with no title in either
        language gets the honest label ("Title not in our sources …").
        """
        english = Localized(self.title, "en") if self.title else None
        chinese = Localized(self.title_zh, "zh-Hans") if self.title_zh else None
        ordered = [chinese, english] if reading_chinese() else [english, chinese]
        titles = [title for title in ordered if title]
        if not titles:
            return [Localized(self.label, html_lang(get_language()))]
        if self.title_status == TitleStatus.UNCERTAIN:
            main = titles[0]
            mark = "（片名待确认）" if main.lang == "zh-Hans" else " (title unconfirmed)"
            titles[0] = Localized(main.text + mark, main.lang)
        return titles

    @property
    def title_status_text(self) -> str:
        """Return what a reader should know about the title, or '' when it is settled."""
        if self.title_status == TitleStatus.UNKNOWN:
            return gettext("Title not in our sources")
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

        Uses the `page_of()` prefetch.
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
            .prefetch_related(directors_prefetch("film__credits"))
            .order_by("film__order", "film__pk", "order", "pk")
        )

    def visible(self, drafts: bool = False):
        """Return credits on the films the reader may see."""
        return self if drafts else self.filter(film__status=PublicationStatus.PUBLISHED)

    def with_films(self):
        """Join each credit's film, with the film's directors for its label."""
        return self.select_related("film").prefetch_related(directors_prefetch("film__credits"))


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
            choices_constraint("role", CreditRole, "credit_role_valid"),
        ]
        indexes = [models.Index(fields=["person", "role"], name="credit_person_role_idx")]

    def __str__(self):
        return f"{self.person.name}: {self.get_role_display()}"
