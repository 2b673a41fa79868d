"""The typed values that the page, the API, the web form and the demo hand to the services."""

from dataclasses import dataclass

from borgerraadgiver.organisation.models import Area, Department


@dataclass(frozen=True)
class PersonData:
    """A person's name and contact details as typed."""

    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    cpr: str = ""  # as typed; checked and stored as ten digits by the services


@dataclass(frozen=True)
class Placement:
    """Where an inquiry belongs: an area, and a department unless the area has none."""

    area: Area
    department: Department | None = None
