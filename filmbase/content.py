"""Pieces shared by the content models of every app.

This lives beside the project wiring rather than in one app because both `people` and
`films` build on it, and neither app should import the other just for a base class.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """The languages a source or a quote can be in."""

    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")
    JAPANESE = "ja", _("Japanese")


class ContentModel(models.Model):
    """An editable entry: timestamps for feeds and sitemaps, a version for safe edits.

    `version` grows by one on every save; a stale form or a stale `If-Match` carries an
    older number and is refused instead of silently overwriting a colleague's work.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
        super().save(*args, **kwargs)
