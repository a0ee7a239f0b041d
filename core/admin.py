"""What every content admin shares: history (with revert) and safe concurrent editing.

Two curators who open the same entry and both save must not overwrite each other
silently. The change form carries the entry's version as it was when the form was
opened; saving re-reads the stored version under a row lock (inside the admin's own
transaction) and refuses a stale form with a message saying what happened. The rows of
an editable change list (a film's or theme's order) are checked the same way.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import BadRequest, ValidationError
from django.db import DataError, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.content import bilingual_fields, missing_chinese

VERSION_FIELD = "edited_version"


class BilingualForm(forms.ModelForm):
    """A form that flags each Chinese field left empty beside English text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for english, chinese in bilingual_fields(self._meta.model):
            field = self.fields.get(chinese)
            if field is None or english not in self.fields:
                continue
            if self._value(english) and not self._value(chinese):
                field.widget.attrs["class"] = "missing-chinese"
                field.help_text = _("Chinese missing: the English beside it has no Chinese yet.")

    def _value(self, name: str) -> str:
        if self.is_bound:
            return (self.data.get(self.add_prefix(name)) or "").strip()
        return str(self.initial.get(name) or getattr(self.instance, name, "") or "").strip()


class NeedsChineseFilter(admin.SimpleListFilter):
    """Entries whose English text has no Chinese counterpart: the translators' queue.

    The admin names in `chinese_relations` the rows that belong to an entry (a film's
    citations), so that their missing Chinese lists the entry too.
    """

    title = _("needs Chinese")
    parameter_name = "needs_chinese"

    def lookups(self, request, model_admin):
        return [("yes", _("Needs Chinese"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(missing_chinese(queryset.model, self.relations)).distinct()
        return queryset

    def __init__(self, request, params, model, model_admin):
        self.relations = tuple(getattr(model_admin, "chinese_relations", ()))
        super().__init__(request, params, model, model_admin)


class VersionCheckedForm(BilingualForm):
    edited_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            # The stored version, not the instance's: a revert form shows an old copy.
            self.initial[VERSION_FIELD] = self._stored_version(lock=False)

    def _stored_version(self, *, lock: bool):
        rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            sent = cleaned.get(VERSION_FIELD)
            stored = self._stored_version(lock=True)
            if sent is None:
                # Without the version the form was opened at, a save could overwrite a
                # colleague's: refuse it rather than guess.
                raise ValidationError(
                    _(
                        "This form was sent without the version it was opened at, so your "
                        "changes were not saved. Open the %(model)s again and make them there."
                    ),
                    code="no_version",
                    params={"model": self.instance._meta.verbose_name},
                )
            if stored is not None and sent != stored:
                raise ValidationError(
                    _(
                        "Someone else saved this %(model)s while you were editing it, so your "
                        "changes were not saved. Open it again (in a new tab, to keep your "
                        "text) to see their version, then make your changes there."
                    ),
                    code="stale",
                    params={"model": self.instance._meta.verbose_name},
                )
        return cleaned


class _HiddenWithVersion(forms.HiddenInput):
    """The hidden primary key of a change list row, with the row's version beside it.

    An editable change list renders only each row's primary key and its editable
    columns, so the version the row was shown at travels in the primary key's cell.
    """

    def __init__(self, version_name: str, version):
        super().__init__()
        self.version_name = version_name
        self.version = version

    def render(self, name, value, attrs=None, renderer=None):
        version = forms.HiddenInput().render(self.version_name, self.version, None, renderer)
        return super().render(name, value, attrs, renderer) + version


class VersionCheckedRows(forms.BaseModelFormSet):
    """The rows of an editable change list, each refused like a stale change form.

    Without it, a row whose value a colleague changed after the list was shown is
    posted back with the old value (the browser sends every row), differs from the
    stored one, and is saved over the colleague's change.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk = self.model._meta.pk.name
        if form.instance.pk is not None and pk in form.fields:
            name = form.add_prefix(VERSION_FIELD)
            version = form.data.get(name) if form.is_bound else form.initial.get(VERSION_FIELD)
            form.fields[pk].widget = _HiddenWithVersion(name, version)


class SafeAutocompleteMixin:
    """Show a form back with a junk value in an autocomplete field, instead of crashing.

    Django's autocomplete widget looks the submitted values up to label them, and a
    value that is not an id (text typed into a crafted request) raises a ValueError, or
    a DataError for a NUL byte on PostgreSQL: a server error where the form should
    simply come back with "Select a valid choice". Values that cannot be ids are left
    out of that lookup; the form's own validation still reports them.
    """

    def optgroups(self, name, value, attr=None):
        opts = self.field.remote_field.model._meta
        target = opts.get_field(getattr(self.field.remote_field, "field_name", opts.pk.attname))
        return super().optgroups(name, [v for v in value if _is_value_of(target, v)], attr)


def _is_value_of(field, value) -> bool:
    if "\x00" in str(value):
        return False
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class SafeAutocompleteSelect(SafeAutocompleteMixin, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(SafeAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteAdminMixin:
    """Use the autocomplete widgets that survive junk values (any model admin or inline)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class TabularInline(SafeAutocompleteAdminMixin, admin.TabularInline):
    form = BilingualForm


class StackedInline(SafeAutocompleteAdminMixin, admin.StackedInline):
    form = BilingualForm


class HistoryAdmin(SafeAutocompleteAdminMixin, SimpleHistoryAdmin):
    """History with revert, and a change list that answers junk filters with a 400.

    Django hands a change list's query parameters to the database as they come. A NUL
    byte (which PostgreSQL refuses in text) or a number too big for a column would be a
    server error; they are a bad request instead, and a bad lookup is Django's own
    "invalid lookup" answer.
    """

    form = BilingualForm

    def changelist_view(self, request, extra_context=None):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequest("Null characters are not allowed in the address.")
        return super().changelist_view(request, extra_context)

    def get_changelist_instance(self, request):
        try:
            with transaction.atomic():  # a refused value must not break the outer transaction
                return super().get_changelist_instance(request)
        except (DataError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class ContentAdmin(HistoryAdmin):
    """History with field-level changes and revert; stale forms refused."""

    form = VersionCheckedForm
    readonly_fields = ["version", "created_at", "updated_at"]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, **{"form": VersionCheckedForm, **kwargs})

    def get_changelist_formset(self, request, **kwargs):
        return super().get_changelist_formset(request, **{"formset": VersionCheckedRows, **kwargs})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or any(VERSION_FIELD in options["fields"] for _, options in fieldsets):
            return fieldsets
        name, options = fieldsets[0]
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *fieldsets[1:]]
