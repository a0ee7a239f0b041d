"""What every films model shares: the fixed vocabularies of its fields, and small helpers."""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.content import is_chinese


def choices_constraint(field: str, choices: type[models.TextChoices], name: str):
    """Back a TextChoices field with a CheckConstraint: choices alone don't bind the DB."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def reading_chinese() -> bool:
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
    # The sources say a novel *inspired* a film, never that the film adapts it.
    INSPIRATION = "inspiration", _("Author of the work that inspired it")
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


def related(queryset, name: str):
    """Return the model at the other end of `queryset`'s relation `name`.

    The models of this package refer to one another both ways (a theme counts its films,
    a film prefetches its themes); reading the far end from the relation's own metadata
    lets each module import only the modules below it.
    """
    return queryset.model._meta.get_field(name).related_model


class HasThemes:
    """A model with a `themes` many-to-many, read as a list.

    `themes_prefetch()` fills `theme_list` for a whole queryset; without it, the first
    read asks the database. A list is read as is, where `themes.all()` builds a manager
    and a queryset for each object, every time. Like any prefetch to an attribute it
    is not refreshed by a write: read the object again after changing its themes (the
    API's writes do, `refetched()`).
    """

    @cached_property
    def theme_list(self) -> list:
        return list(self.themes.all())


def themes_prefetch() -> Prefetch:
    """Prefetch each object's themes into `theme_list` (see HasThemes)."""
    return Prefetch("themes", to_attr="theme_list")
