"""Templates name fields from a fixed list: an unknown field is refused when the template is
saved, with a message naming it; a saved template keeps its earlier versions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from borgerraadgiver.letters.default_templates import DEFAULT_TEMPLATES
from borgerraadgiver.letters.fields import (
    FIELD_NAMES,
    LetterContext,
    date_in_letters,
    fields_fill,
    unknown_fields,
)
from borgerraadgiver.letters.models import LetterKind, LetterTemplate
from borgerraadgiver.letters.services import letter_template_save
from borgerraadgiver.organisation.models import Office
from tests.factories import ReferralBodyFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("Kære {citizen_name}", []),
        ("Sagsnr. {sagsnummer}", ["sagsnummer"]),
        ("{case_number} {Case_Number} {case number}", ["Case_Number", "case number"]),
        ("{} og {x} og {x}", ["", "x"]),
        ("Ingen felter, men en { enlig klamme", []),
    ],
)
def test_unknown_fields_are_found_by_name(text, unknown):
    assert unknown_fields(text) == unknown


def test_every_default_template_uses_known_fields_only():
    for _kind, _name, subject, body in DEFAULT_TEMPLATES:
        assert unknown_fields(subject) == []
        assert unknown_fields(body) == []


def test_default_templates_are_loaded_one_of_each_kind():
    kinds = set(LetterTemplate.objects.values_list("kind", flat=True))
    assert kinds == set(LetterKind.values)


def test_a_template_with_an_unknown_field_is_refused_naming_it(advisor, now):
    with pytest.raises(ValidationError) as refused:
        letter_template_save(
            user=advisor,
            template=None,
            kind=LetterKind.FREE,
            name="Rykker",
            subject="Om {sagsnummer}",
            body="Kære {citizen_name}, {borgerens_adresse}",
            is_active=True,
            now=now,
        )
    messages = refused.value.message_dict
    assert "{sagsnummer}" in messages["subject"][0]
    assert "{borgerens_adresse}" in messages["body"][0]
    assert "{case_number}" in messages["body"][0]  # the fields that can be used are listed
    assert not LetterTemplate.objects.filter(name="Rykker").exists()


def test_saving_a_changed_template_keeps_the_earlier_version(advisor, now):
    template = LetterTemplate.objects.get(kind=LetterKind.CLOSING)
    first_versions = template.versions.count()
    letter_template_save(
        user=advisor,
        template=template,
        kind=template.kind,
        name=template.name,
        subject="Din sag er afsluttet",
        body="Kære {citizen_name}\n\nSagen er afsluttet.",
        is_active=True,
        now=now,
    )
    letter_template_save(
        user=advisor,
        template=template,
        kind=template.kind,
        name="Nyt navn",
        subject="Din sag er afsluttet",
        body="Kære {citizen_name}\n\nSagen er afsluttet.",
        is_active=True,
        now=now + datetime.timedelta(minutes=1),
    )
    template.refresh_from_db()
    assert template.name == "Nyt navn"
    # The second save changed only the name: no new version of the text.
    assert template.versions.count() == first_versions + 1
    subjects = set(template.versions.values_list("subject", flat=True))
    assert subjects == {"Vi har afsluttet din henvendelse", "Din sag er afsluttet"}


def test_a_user_without_the_advisor_role_cannot_save_a_template(plain_user, now):
    with pytest.raises(PermissionDenied):
        letter_template_save(
            user=plain_user,
            template=None,
            kind=LetterKind.FREE,
            name="x",
            subject="x",
            body="x",
            is_active=True,
            now=now,
        )


def test_fields_are_filled_from_the_inquiry_in_danish(inquiry, make_sent):
    body = ReferralBodyFactory(name="Ankestyrelsen")
    body.letter_name, body.postal_address = "Ankestyrelsen, Klagesekretariatet", "7100 Vejle"
    body.save()
    inquiry.referral_body = body
    inquiry.closed_date = datetime.date(2026, 3, 9)
    forwarding = make_sent(datetime.date(2026, 3, 2))
    context = LetterContext(
        inquiry=inquiry,
        office=Office.load(),
        today=datetime.date(2026, 3, 10),
        advisor_name="Anne Rådgiver",
        forwarding=forwarding,
    )
    text = " | ".join(f"{{{name}}}" for name in FIELD_NAMES)

    filled = fields_fill(text, context).split(" | ")
    values = dict(zip(FIELD_NAMES, filled, strict=True))

    assert values["citizen_name"] == "Jens Prøvesen"
    assert values["case_number"] == "BR-2026-0042"
    assert values["letter_date"] == "10. marts 2026"
    assert values["sent_date"] == "2. marts 2026"
    assert values["deadline"] == date_in_letters(forwarding.deadline_date)
    assert forwarding.deadline_date > forwarding.sent_date
    assert values["department"] == forwarding.recipient.name
    assert values["forwarding_kind"] == "oversendelsessag"
    assert values["answer_weeks"] == "3 uger"
    assert values["referral_body"] == "Ankestyrelsen, Klagesekretariatet"
    assert values["referral_address"] == "7100 Vejle"
    assert values["closed_date"] == "9. marts 2026"
    assert values["advisor_name"] == "Anne Rådgiver"
