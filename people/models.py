"""The people behind the nine works: directors and their collaborators."""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.chinese import pinyin_key, validate_chinese_punctuation
from core.content import ContentModel, Localized, is_chinese
from core.links import entry_path


class PersonQuerySet(models.QuerySet):
    def in_reading_order(self):
        """Order by name as the reader reads it: by the pinyin of the Chinese name on
        Chinese pages (叶锦添 under Y, not under T for Tim Yip), else by the name."""
        if is_chinese(get_language()):
            return self.order_by("name_sort_zh", "pk")
        return self.order_by("name", "pk")


class Person(ContentModel):
    """A person as the sources name and describe them.

    Facts the sources do not give (a birth year, say) stay empty rather than guessed;
    facts they give with doubt keep that doubt in `birth_year_note` and the citations.
    """

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The name in English or pinyin, e.g. Jia Zhangke.")
    )
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    name_is_ours = models.BooleanField(
        _("Latin spelling is ours"),
        default=False,
        help_text=_("Tick when no source gives this Latin spelling: pages say it is ours."),
    )
    # Kept up to date by save(): the database can then sort and page by it.
    name_sort_zh = models.CharField(
        _("pinyin sort key"), max_length=400, blank=True, editable=False, db_index=True
    )
    other_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("One per line: other spellings, real names, nicknames (e.g. Ye Jintian)."),
    )
    bio = models.TextField(_("profile (English)"), blank=True)
    bio_zh = models.TextField(
        _("profile (Chinese)"), blank=True, validators=[validate_chinese_punctuation]
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    birth_year_note = models.CharField(
        _("birth year note"),
        max_length=300,
        blank=True,
        help_text=_("How sure the sources are, e.g. 'Uncertain: one non-authoritative source.'"),
    )
    birth_year_note_zh = models.CharField(
        _("birth year note (Chinese)"),
        max_length=300,
        blank=True,
        validators=[validate_chinese_punctuation],
    )

    # Not every person has a Chinese name: a missing one is no text to translate.
    untranslated_fields = ("name",)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__range=(1850, 2100)),
                name="person_birth_year_plausible",
                violation_error_message=_("Enter a birth year between 1850 and 2100."),
            ),
        ]
        indexes = [models.Index(fields=["name"], name="person_name_idx")]

    def __str__(self):
        if self.name_zh:
            return f"{self.name} ({self.name_zh})"
        return self.name

    def get_absolute_url(self):
        return entry_path("people:detail", self.slug)

    def save(self, *args, **kwargs):
        self.name_sort_zh = pinyin_key(self.name_zh or self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "name_zh"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_sort_zh"}
        super().save(*args, **kwargs)

    @property
    def other_names_list(self) -> list[str]:
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]

    @property
    def names(self) -> list[Localized]:
        """Return the names to show, the active language's first, each with its language."""
        english = Localized(self.name, "en")
        if not self.name_zh:
            return [english]
        chinese = Localized(self.name_zh, "zh-Hans")
        return [chinese, english] if is_chinese(get_language()) else [english, chinese]

    @property
    def label(self) -> str:
        """Return the name in the active language."""
        return self.names[0].text

    @property
    def label_lang(self) -> str:
        """Return the HTML `lang` of `label`."""
        return self.names[0].lang


class PersonLink(models.Model):
    """An external page about a person (an encyclopedia entry, an official site)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="links", verbose_name=_("person")
    )
    label = models.CharField(_("label"), max_length=200)
    label_zh = models.CharField(
        _("label (Chinese)"), max_length=200, blank=True, validators=[validate_chinese_punctuation]
    )
    url = models.URLField(_("address"), max_length=1000)
    is_about_their_work = models.BooleanField(
        _("about their work"),
        default=False,
        help_text=_("Tick when the page is about their work, not them (kept out of sameAs)."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "order", "pk"]
        verbose_name = _("external link")
        verbose_name_plural = _("external links")
        constraints = [
            models.UniqueConstraint(fields=["person", "url"], name="unique_person_link"),
        ]

    def __str__(self):
        return self.label
