"""Pieces shared by the content models of every app: the base model, languages, labels."""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language
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
            # One more than the stored version, not than this object's: a revert saves an
            # old copy, and its number must still move forward.
            stored = (
                type(self)
                ._base_manager.filter(pk=self.pk)
                .values_list("version", flat=True)
                .first()
            )
            self.version = max(stored or 0, self.version) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version", "updated_at"}
        super().save(*args, **kwargs)


def html_lang(code: str) -> str:
    """Return the HTML `lang` value for a language code: the sources' Chinese is simplified."""
    code = (code or "en").lower()
    if code in ("zh", "zh-hans", "zh_hans"):
        return "zh-Hans"
    return code


# Han characters: CJK Unified Ideographs with Extension A, and the compatibility ideographs.
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def guess_lang(text: str) -> str:
    """Return the HTML `lang` of a short text: Chinese if it has any Han character."""
    # A regular expression rather than a loop over the characters: called for every title.
    return "zh-Hans" if _HAN.search(text or "") else "en"


def is_chinese(language_code: str | None) -> bool:
    return (language_code or "en").lower().startswith("zh")


@dataclass(frozen=True)
class Localized:
    """A piece of bilingual content, with the language it is actually in."""

    text: str
    lang: str
    is_fallback: bool = False

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def localized(obj, field: str) -> Localized:
    """Return `obj.<field>` in the active language: `<field>_zh` on Chinese pages.

    When the active language's field is empty, fall back to the other one and say which
    language the text is in, so that the page can mark it with the right `lang`.
    """
    english = getattr(obj, field, "") or ""
    chinese = getattr(obj, f"{field}_zh", "") or ""
    if is_chinese(get_language()):
        if chinese or not english:
            return Localized(chinese, "zh-Hans")
        return Localized(english, "en", is_fallback=True)
    if english or not chinese:
        return Localized(english, "en")
    return Localized(chinese, "zh-Hans", is_fallback=True)


def bilingual_fields(model) -> list[tuple[str, str]]:
    """Return the (English, Chinese) text fields of `model` that filmbase writes itself.

    A `<field>_zh` beside a `<field>` pairs them. Left out are titles that may be unknown
    (nullable: the sources' own, not ours) and what the model names in
    `untranslated_fields` (a person's name: not every person has a Chinese one).
    """
    names = {field.name: field for field in model._meta.get_fields() if hasattr(field, "null")}
    skip = set(getattr(model, "untranslated_fields", ()))
    return [
        (name[:-3], name)
        for name, field in names.items()
        if name.endswith("_zh")
        and name[:-3] in names
        and name[:-3] not in skip
        and not field.null
        and isinstance(field, models.CharField | models.TextField)
    ]


def missing_chinese(model, relations: tuple[str, ...] = ()) -> models.Q:
    """Return the condition "some English text of `model` has no Chinese beside it".

    The rows of `relations` (a film's `citations`) count as part of the entry: an entry
    is missing Chinese when one of them is.
    """
    condition = models.Q(pk__in=[])
    for english, chinese in bilingual_fields(model):
        condition |= ~models.Q(**{english: ""}) & models.Q(**{chinese: ""})
    for name in relations:
        relation = model._meta.get_field(name)
        rows = relation.related_model._base_manager.filter(missing_chinese(relation.related_model))
        condition |= models.Q(pk__in=rows.values(relation.field.name))
    return condition
