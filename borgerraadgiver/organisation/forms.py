"""Form fields for choosing from the organisation, named as a caseworker reads them."""

import datetime
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils import formats, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.core.forms import ListedChoiceIterator, ModelMultipleChoiceField
from borgerraadgiver.organisation.kept import kept_derived, kept_rows
from borgerraadgiver.organisation.models import Area, Department


def label_with_end(name: str, valid_to: datetime.date | None) -> str:
    """'Skole', or 'Skole (until 31.12.2024)' for a department or area that has closed."""
    if valid_to is None:
        return name
    return _("%(name)s (until %(date)s)") % {
        "name": name,
        "date": formats.date_format(valid_to, "SHORT_DATE_FORMAT"),
    }


class KeptChoiceIterator(ListedChoiceIterator):
    """The choices of a field with `kept_as`: the rows this process keeps (`organisation.kept`)."""

    def __iter__(self) -> Any:
        key = getattr(self.field, "kept_as", None)
        if key is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in kept_rows(key, self.queryset):
            yield self.choice(instance)


# The select boxes drawn for kept choices, by everything their HTML depends on (`Select`).
_drawn: dict[tuple[Any, ...], tuple[tuple[Any, ...], SafeString]] = {}
DRAWN_MAX = 256


class Select(forms.Select):
    """Named as Django's: a field's `widget_type` is its widget's class name, and the design
    system's class for a select box (`core.fields`) is chosen by it.

    A select box of kept choices, drawn once a process for each value, attributes and
    language (issue 18): building Django's option dictionaries for the list page's four filter
    boxes was a twentieth of its instructions. The box is drawn again when the kept rows are
    read again (a list changed: `organisation.kept`), and for anything else the key below does
    not name."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        choices = self.choices
        field = getattr(choices, "field", None)
        kept_as = getattr(field, "kept_as", None)
        if kept_as is None or not isinstance(choices, KeptChoiceIterator):
            return super().render(name, value, attrs, renderer)
        rows = kept_rows(kept_as, choices.queryset)
        label = field.label_from_instance  # type: ignore[union-attr]
        if getattr(label, "__self__", None) is field:
            label = label.__func__  # the class's function: the same for every copy of the field
        empty = field.empty_label  # type: ignore[union-attr]
        key = (
            kept_as,
            id(rows),
            type(self),
            type(field),
            field.to_field_name,  # type: ignore[union-attr]
            label,
            None if empty is None else f"{empty}",
            name,
            tuple(self.format_value(value)),
            tuple((k, type(v), v) for k, v in self.build_attrs(self.attrs, attrs).items()),
            translation.get_language(),
            type(renderer),
        )
        try:
            drawn = _drawn.get(key)
        except TypeError:  # an attribute's value that cannot be a key
            return super().render(name, value, attrs, renderer)
        if drawn is not None and drawn[0] is rows:
            return drawn[1]
        html = super().render(name, value, attrs, renderer)
        if len(_drawn) >= DRAWN_MAX:
            _drawn.clear()
        _drawn[key] = (rows, html)  # the rows held: their id is not given to others meanwhile
        return html


class KeptChoices:
    """A model choice field whose choices are kept per process under `kept_as`, a name only
    this field's declared query has (say 'InquiryFilterForm.area'). A form that gives the field
    another query (`field.queryset = …`) gets that query's own rows, read each time. A posted
    id is looked up among the same kept rows, as fresh as the choices drawn (the request's
    token), and the field gives those read-only rows: one query fewer for each such field a
    form posts (issue 18)."""

    iterator: Any = KeptChoiceIterator
    kept_as: str | None = None

    def __init__(self, *args: Any, kept_as: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept_as = kept_as

    def _set_queryset(self, queryset: QuerySet[Any] | None) -> None:
        self.kept_as = None
        forms.ModelChoiceField._set_queryset(self, queryset)  # type: ignore[attr-defined]

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)  # type: ignore[attr-defined]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        kept_as = self.kept_as
        result = super().__deepcopy__(memo)  # type: ignore[misc]  # sets a copy of the query
        result.kept_as = kept_as
        return result

    def kept_by_pk(self) -> Mapping[str, Any] | None:
        """The kept rows by their id as text (as a form posts it); None for another query or a
        field chosen by another column (`to_field_name`), which Django checks its way."""
        if self.kept_as is None or getattr(self, "to_field_name", None):
            return None
        return kept_by_pk(self.kept_as, self.queryset)


def kept_by_pk(key: str, queryset: QuerySet[Any]) -> Mapping[str, Any]:
    """`kept_rows(key, queryset)` by their id as text, as a form posts it: read-only rows,
    shared by every request."""
    return kept_derived(key, queryset, _by_pk)


def _by_pk(rows: tuple[Any, ...]) -> Mapping[str, Any]:
    return MappingProxyType({str(row.pk): row for row in rows})


class KeptModelChoiceField(KeptChoices, forms.ModelChoiceField):
    widget = Select

    def to_python(self, value: Any) -> Any:
        """As Django's: a value that is no id of the choices is an invalid choice."""
        rows = self.kept_by_pk()
        if rows is None or value in self.empty_values or isinstance(value, Model):
            return super().to_python(value)
        self.validate_no_null_characters(value)
        try:
            found = rows.get(str(self.queryset.model._meta.pk.to_python(value)))
        except ValidationError:
            found = None
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found


class KeptModelMultipleChoiceField(KeptChoices, ModelMultipleChoiceField):
    # Django's names the posted id, which tells a caseworker nothing.
    default_error_messages = {
        "invalid_choice": gettext_lazy(
            "One of the choices is not in the list: it may have been removed meanwhile. "
            "Choose again."
        ),
    }

    def _check_values(self, value: Any) -> Any:
        """As Django's (every value's form first, then each among the choices, with Django's
        codes), but the chosen rows as a list in the choices' order."""
        rows = self.kept_by_pk()
        if rows is None:
            return super()._check_values(value)
        try:
            values = frozenset(value)
        except TypeError:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        for pk in values:
            self.validate_no_null_characters(pk)
            if not self._an_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        for pk in values:
            if str(pk) not in rows:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        chosen = {str(pk) for pk in values}
        return [row for key, row in rows.items() if key in chosen]

    def _an_id(self, pk: Any) -> bool:
        """Whether the value could name a row, as Django's query of it decides (a number
        no database integer holds is not one: `core.forms.ModelMultipleChoiceField`)."""
        try:
            number = self.queryset.model._meta.pk.to_python(pk)
        except ValidationError:
            return False
        return number is None or abs(number) < 2**63


class DepartmentChoiceField(KeptModelChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.area.name} · {label_with_end(obj.name, obj.valid_to)}"


# The area and department boxes of a list's filters (the inquiry list, the forwarding
# overview): every area and department, each list's shown columns only, kept by the process.
def area_filter_field(kept_as: str) -> KeptModelChoiceField:
    return KeptModelChoiceField(
        queryset=Area.objects.only("pk", "name"),
        kept_as=kept_as,
        label=gettext_lazy("Area"),
        required=False,
        empty_label=gettext_lazy("All"),
    )


def department_filter_field(kept_as: str) -> DepartmentChoiceField:
    return DepartmentChoiceField(
        queryset=Department.objects.select_related("area")
        .only("pk", "name", "valid_to", "area__name")
        .order_by("area__sort_order", "sort_order", "name"),
        kept_as=kept_as,
        label=gettext_lazy("Department"),
        required=False,
        empty_label=gettext_lazy("All"),
    )
