"""The typed values that the page, the API, the web form and the demo hand to the services."""

import datetime
from dataclasses import astuple, dataclass

from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Reason,
    ReferralBody,
    ReferralSource,
)


@dataclass(frozen=True)
class PersonData:
    """A person's name and contact details as typed."""

    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    cpr: str = ""  # as typed; checked and stored as ten digits by the services
    letters_by_email: bool = False  # agreed that letters go to the e-mail address

    @property
    def is_empty(self) -> bool:
        return not any(astuple(self))


@dataclass(frozen=True)
class Placement:
    """Where an inquiry belongs: an area, and a department unless the area has none."""

    area: Area
    department: Department | None = None


@dataclass(frozen=True)
class RegistrationInput:
    """One contact as the advisor registers it, by the registration rules (`registration_submit`).

    The registration page, the API and a web-form submission all fill in this one value:
    - `repeat_of`: the same person about the same subject, so a contact on that inquiry (rule 2);
      its `placements`, `reasons` and `handling_type` are not needed, as the inquiry has them.
    - `known_person`: a new inquiry for a person already registered (rules 3 and 4).
    - neither: new inquiries, one per placement (rule 1), for the person in `person_data`, or for
      no one when the complainant is anonymous.
    `person_data` given with `repeat_of` or `known_person` adds to that person's contact details.
    """

    received_date: datetime.date
    channel: str
    complainant_kind: str
    placements: tuple[Placement, ...]
    reasons: tuple[Reason, ...]
    handling_type: HandlingType | None
    summary: str = ""
    person_data: PersonData | None = None
    known_person: Person | None = None
    repeat_of: Inquiry | None = None
    referral_body: ReferralBody | None = None
    referred_by: ReferralSource | None = None
    actions: tuple[Action, ...] = ()
