"""Single sign-on through the municipality's identity provider (OpenID Connect), when enabled.

The identity provider decides who someone is and which groups they are in; this module turns the
groups into the office's roles (settings OIDC_*_GROUPS, OIDC_DEPARTMENT_GROUPS) every time the
user logs in, so removing someone from a group removes the role at their next login.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import IDP_MFA_SESSION_KEY
from borgerraadgiver.organisation.models import Department


@dataclass(frozen=True)
class Roles:
    is_advisor: bool
    is_administrator: bool
    is_report_reader: bool
    department_names: frozenset[str]


def _groups(claims: Mapping[str, Any]) -> set[str]:
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    return {str(group) for group in value}


def roles_from_claims(claims: Mapping[str, Any]) -> Roles:
    """The office's roles for the identity provider's groups (a pure function of the claims)."""
    groups = _groups(claims)

    def member(names: Iterable[str]) -> bool:
        return bool(groups & set(names))

    return Roles(
        is_advisor=member(settings.OIDC_ADVISOR_GROUPS),
        is_administrator=member(settings.OIDC_ADMINISTRATOR_GROUPS),
        is_report_reader=member(settings.OIDC_REPORT_READER_GROUPS),
        department_names=frozenset(
            name for group, name in settings.OIDC_DEPARTMENT_GROUPS.items() if group in groups
        ),
    )


def mfa_asserted(claims: Mapping[str, Any]) -> bool:
    """The identity provider says (ID token's `amr`) that it checked a second factor."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(set(amr) & set(settings.OIDC_MFA_AMR_VALUES))


def user_apply_claims(*, user: User, claims: Mapping[str, Any]) -> User:
    """Name, e-mail and roles from the identity provider; the roles it does not give are removed."""
    roles = roles_from_claims(claims)
    with transaction.atomic():
        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name") or user.last_name)[:150]
        user.email = str(claims.get("email") or user.email)[:254]
        user.is_advisor = roles.is_advisor
        user.is_administrator = roles.is_administrator
        user.is_report_reader = roles.is_report_reader
        # The admin is where administrators work; nobody else gets in.
        user.is_staff = roles.is_administrator or user.is_superuser
        user.set_unusable_password()
        user.save()
        user.managed_departments.set(
            Department.objects.filter(name__in=roles.department_names)
            if roles.department_names
            else []
        )
    return user


class RoleMappingOIDCBackend(OIDCAuthenticationBackend):
    """Finds the user by the identity provider's user name claim and maps groups to roles."""

    def _username(self, claims: Mapping[str, Any]) -> str:
        return str(claims.get(settings.OIDC_USERNAME_CLAIM) or "")[:150]

    def verify_claims(self, claims: Mapping[str, Any]) -> bool:
        return bool(self._username(claims))

    def filter_users_by_claims(self, claims: Mapping[str, Any]) -> Any:
        return self.UserModel.objects.filter(username=self._username(claims))

    def create_user(self, claims: Mapping[str, Any]) -> User:
        user = self.UserModel(username=self._username(claims))
        return user_apply_claims(user=user, claims=claims)

    def update_user(self, user: User, claims: Mapping[str, Any]) -> User:
        return user_apply_claims(user=user, claims=claims)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict) -> User | None:
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            # Our own TOTP step is skipped when the identity provider checked a second factor.
            self.request.session[IDP_MFA_SESSION_KEY] = mfa_asserted(payload)
        return user
