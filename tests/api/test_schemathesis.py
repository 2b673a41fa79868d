"""Schemathesis against the served OpenAPI schema, in process through the WSGI app.

Every operation is called with generated data, valid and invalid, with an advisor's token and
with a department manager's: no input may give a server error, and every answer must match the
schema. The number of cases run is printed (run with `-s` to see it).
"""

import datetime
import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)

from borgerraadgiver.config.wsgi import application
from tests.api.conftest import token_client
from tests.factories import InquiryFactory

CASES = {"advisor": 0, "manager": 0}
# Every check schemathesis has, but two that do not fit an API whose rules are not all in the
# schema, or a test that brings its own token:
# - positive_data_acceptance: a request valid by the schema may still break a rule (a reason id
#   that does not exist, a period before the office's first year) and is rightly a 400;
# - ignored_auth: the test sends the user's token with every call, over the invalid one the
#   check generates (wrong and missing tokens are tested in test_access.py);
# - negative_data_rejection: a list ignores query parameters it does not know, as Django and DRF
#   do, and the check counts a request with made-up parameter names as invalid input accepted
#   (it failed now and then on /api/forwardings/?<garbage>=…&status=, answered rightly with 200).
EXCLUDED = [positive_data_acceptance, ignored_auth, negative_data_rejection]
# A few examples per operation keep the whole run well under a minute on two cores.
FUZZ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


def _served_schema() -> dict:
    """The schema exactly as /api/schema/ serves it, made without a request or a database."""
    generator = SchemaGenerator()
    document = generator.get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


API = schemathesis.openapi.from_dict(_served_schema())
API.app = application  # calls go through the WSGI app in process, not over the network


@pytest.fixture
def register(db, make_sent, department, manager):
    """Some of everything, so that generated ids sometimes hit real rows."""
    for day in (datetime.date(2024, 2, 1), datetime.date(2024, 3, 4)):
        make_sent(day, department=department)
    InquiryFactory.create_batch(3)


@pytest.fixture
def in_test_transaction():
    """The WSGI handler closes the database connection after each request, which on PostgreSQL
    would end the test's transaction; Django's own test client holds it open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _headers(user) -> dict[str, str]:
    return {"Authorization": token_client(user)._credentials["HTTP_AUTHORIZATION"]}


@pytest.fixture
def advisor_headers(register, advisor, in_test_transaction):
    return _headers(advisor)


@pytest.fixture
def manager_headers(register, manager, in_test_transaction):
    return _headers(manager)


@pytest.fixture(scope="module", autouse=True)
def report_count():
    yield
    print(f"\nschemathesis cases run: {CASES}, in all {sum(CASES.values())}")


@API.parametrize()
@FUZZ
def test_no_input_makes_a_server_error_for_an_advisor(case, advisor_headers):
    CASES["advisor"] += 1
    response = case.call(headers=advisor_headers)
    case.validate_response(response, excluded_checks=EXCLUDED)


@API.parametrize()
@FUZZ
def test_no_input_makes_a_server_error_for_a_manager(case, manager_headers):
    CASES["manager"] += 1
    response = case.call(headers=manager_headers)
    case.validate_response(response, excluded_checks=EXCLUDED)
