"""Select boxes of model choices read their choices with one plain query (issue 18): Django's
own iterator opened a server-side cursor on PostgreSQL for every box (three round trips each)."""

import pytest
from django import forms
from django.db import connection
from django.forms.models import ModelChoiceIterator
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from borgerraadgiver.core.forms import ListedChoiceIterator
from borgerraadgiver.organisation.models import Reason
from tests.factories import ReasonFactory

pytestmark = pytest.mark.django_db


class ReasonForm(forms.Form):
    one = forms.ModelChoiceField(Reason.objects.order_by("name"))
    many = forms.ModelMultipleChoiceField(Reason.objects.order_by("name"), required=False)


def test_every_model_choice_field_uses_it():
    assert forms.ModelChoiceField.iterator is ListedChoiceIterator
    assert forms.ModelMultipleChoiceField.iterator is ListedChoiceIterator


def test_the_choices_are_djangos():
    for name in ("Åben dør", "Aktindsigt", "Sagsbehandlingstid"):
        ReasonFactory(name=name)
    form = ReasonForm()
    for field in form.fields.values():
        django_choices = list(ModelChoiceIterator(field))  # type: ignore[arg-type]
        assert list(field.choices) == django_choices
    # Drawn again, asked again: a reason added in between is among them.
    ReasonFactory(name="Ny")
    assert "Ny" in [label for _value, label in form.fields["one"].choices]


def test_a_page_of_select_boxes_opens_no_server_side_cursor(advisor_client):
    ReasonFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        response = advisor_client.get(reverse("advisor:inquiry_register"))
    assert response.status_code == 200
    assert not [query for query in queries.captured_queries if "DECLARE" in query["sql"]]
    assert not [query for query in queries.captured_queries if "CURSOR" in query["sql"]]
