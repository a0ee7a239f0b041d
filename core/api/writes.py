"""What writes share: model validation as API errors, nested rows replaced in one go."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from core.api.errors import django_errors


class ModelCleanMixin:
    """Run the model's own validation (constraints, field checks) before saving.

    DRF validates fields one by one; the database also holds CheckConstraints across fields
    (an unknown title must be empty, a citation has one subject…). Checking them here turns
    a violation into a field-level 400 instead of an IntegrityError at save time.
    """

    clean_exclude: tuple[str, ...] = ()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        plain = {
            name: value
            for name, value in attrs.items()
            if name not in {f.name for f in model._meta.many_to_many}
            and not isinstance(self.fields.get(name), serializers.ListSerializer)
        }
        if self.instance is not None:
            candidate = copy.copy(self.instance)
            for name, value in plain.items():
                setattr(candidate, name, value)
        else:
            candidate = model(**plain)
        exclude = [f.name for f in model._meta.many_to_many] + list(self.clean_exclude)
        try:
            candidate.full_clean(exclude=exclude, validate_unique=True)
        except DjangoValidationError as error:
            raise serializers.ValidationError(django_errors(error)) from None
        return attrs


class NestedRowsMixin:
    """Write an entry's own rows (a film's credits, a person's links) with the entry.

    `nested` maps a list field to (the rows' foreign key to the entry, the fields that
    must be unique among the rows). When the field is given, the rows are replaced as a
    whole (one save per row, so each lands in the history); when omitted, they stay.
    """

    nested: dict[str, tuple[str, tuple[str, ...]]] = {}

    def validate(self, attrs):
        attrs = super().validate(attrs)
        for name, (_parent, unique) in self.nested.items():
            seen = set()
            for row in attrs.get(name) or ():
                key = tuple(getattr(row.get(field), "pk", row.get(field)) for field in unique)
                if key in seen:
                    raise serializers.ValidationError(
                        {name: [f"Two rows have the same {', '.join(unique)}."]}
                    )
                seen.add(key)
        return attrs

    def _pop_rows(self, validated_data) -> dict:
        return {name: validated_data.pop(name) for name in self.nested if name in validated_data}

    def _replace_rows(self, instance, rows: dict) -> None:
        for name, items in rows.items():
            parent, _unique = self.nested[name]
            model = self.fields[name].child.Meta.model
            for old in model.objects.filter(**{parent: instance}):
                old.delete()
            for item in items:
                model.objects.create(**{parent: instance}, **item)

    def create(self, validated_data):
        rows = self._pop_rows(validated_data)
        instance = super().create(validated_data)
        self._replace_rows(instance, rows)
        return instance

    def update(self, instance, validated_data):
        rows = self._pop_rows(validated_data)
        instance = super().update(instance, validated_data)
        self._replace_rows(instance, rows)
        return instance
