"""Single sign-on through the municipality's identity provider (OpenID Connect), when enabled.

The identity provider decides who someone is and which groups they are in. A user is found by the
provider's issuer and subject (`iss`, `sub`, kept in OidcIdentity), never by a user name that the
provider may give to someone else later; a first login whose user name belongs to an account here
that is not linked is refused, and the operator links the two deliberately
(`borgerraadgiver link_oidc_identity`). Every role, superuser included, is derived from the
groups (settings OIDC_*_GROUPS, OIDC_DEPARTMENT_GROUPS, OIDC_AREA_GROUPS) each time the user logs
in, so removing someone from a group removes the role at their next login.
"""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from borgerraadgiver.accounts.kept import user_kept
from borgerraadgiver.accounts.models import OidcIdentity, User
from borgerraadgiver.accounts.permissions import IDP_MFA_SESSION_KEY
from borgerraadgiver.organisation.models import Area, Department

logger = logging.getLogger(__name__)

NOT_LINKED = gettext_noop(
    "You are not logged in: the user name %(username)s belongs to an account here that is not "
    "linked to your login at the identity provider. Ask the administrator to link them."
)
ALREADY_LINKED = gettext_noop("%(username)s is already linked to a login at the identity provider.")
IDENTITY_TAKEN = gettext_noop(
    "That login at the identity provider is already linked to %(username)s."
)


@dataclass(frozen=True)
class Roles:
    is_advisor: bool
    is_administrator: bool
    is_report_reader: bool
    is_superuser: bool
    department_names: frozenset[str]
    area_names: frozenset[str]


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
        is_superuser=member(settings.OIDC_SUPERUSER_GROUPS),
        department_names=frozenset(
            name for group, name in settings.OIDC_DEPARTMENT_GROUPS.items() if group in groups
        ),
        area_names=frozenset(
            name for group, name in settings.OIDC_AREA_GROUPS.items() if group in groups
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
        user.is_superuser = roles.is_superuser
        # The admin is where administrators work; nobody else gets in.
        user.is_staff = roles.is_administrator or roles.is_superuser
        user.set_unusable_password()
        user.save()
        user.managed_departments.set(
            Department.objects.filter(name__in=roles.department_names)
            if roles.department_names
            else []
        )
        user.managed_areas.set(
            Area.objects.filter(name__in=roles.area_names) if roles.area_names else []
        )
    return user


def oidc_issuer(claims: Mapping[str, Any]) -> str:
    """The provider that vouches for the subject: the `iss` claim, else the configured issuer."""
    return str(claims.get("iss") or settings.OIDC_OP_ISSUER)


def oidc_identity_link(*, user: User, issuer: str, subject: str) -> OidcIdentity:
    """Links an existing account to a login at the identity provider, for the server's operator.

    Refused (ValidationError) when the account is already linked or the login already belongs to
    another account: a link is never moved silently. From the next login the provider's groups
    decide the account's roles, and its password stops working.
    """
    if not issuer or not subject:
        raise ValidationError(_("Give both the issuer and the subject."))
    with transaction.atomic():
        if OidcIdentity.objects.filter(user=user).exists():
            raise ValidationError(_(ALREADY_LINKED) % {"username": user.username})
        other = OidcIdentity.objects.filter(issuer=issuer, subject=subject).first()
        if other is not None:
            raise ValidationError(_(IDENTITY_TAKEN) % {"username": other.user.username})
        identity = OidcIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    logger.info("User %s linked to the single sign-on subject %s at %s", user.pk, subject, issuer)
    return identity


class RoleMappingOIDCBackend(OIDCAuthenticationBackend):
    """Finds the user by the provider's issuer and subject and maps groups to roles."""

    def get_user(self, user_id: Any) -> User | None:
        """The session's user, from what the process keeps (`accounts.kept`); an account made
        inactive is logged out at its next request, as with a password."""
        user = user_kept(user_id)
        return user if user is not None and user.is_active else None

    def _username(self, claims: Mapping[str, Any]) -> str:
        return str(claims.get(settings.OIDC_USERNAME_CLAIM) or "")[:150]

    def get_userinfo(self, access_token: str, id_token: str, payload: dict) -> dict:
        """The user info, with the ID token's issuer; refused if it is about another subject."""
        claims = dict(super().get_userinfo(access_token, id_token, payload))
        if payload.get("sub") and claims.get("sub") != payload["sub"]:
            raise SuspiciousOperation("The user info is about another subject than the ID token.")
        issuer = oidc_issuer({**claims, **payload})
        if settings.OIDC_OP_ISSUER and issuer != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation(f"The ID token is from another issuer: {issuer!r}.")
        return {**claims, "iss": issuer}

    def verify_claims(self, claims: Mapping[str, Any]) -> bool:
        return bool(claims.get("sub") and oidc_issuer(claims) and self._username(claims))

    def filter_users_by_claims(self, claims: Mapping[str, Any]) -> Any:
        return self.UserModel.objects.filter(
            oidc_identity__issuer=oidc_issuer(claims), oidc_identity__subject=str(claims["sub"])
        )

    def create_user(self, claims: Mapping[str, Any]) -> User:
        """A new user for a new login; refused when the user name is an existing account's."""
        username = self._username(claims)
        issuer, subject = oidc_issuer(claims), str(claims["sub"])
        if self.UserModel.objects.filter(username__iexact=username).exists():
            logger.warning(
                "Single sign-on refused: the user name %s belongs to an account not linked to the "
                "subject %s at %s; link them with `borgerraadgiver link_oidc_identity` if they "
                "are the same person",
                username,
                subject,
                issuer,
            )
            messages.error(self.request, _(NOT_LINKED) % {"username": username})
            raise PermissionDenied
        with transaction.atomic():
            user = user_apply_claims(user=self.UserModel(username=username), claims=claims)
            OidcIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        return user

    def update_user(self, user: User, claims: Mapping[str, Any]) -> User:
        return user_apply_claims(user=user, claims=claims)

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict) -> User | None:
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None:
            # Our own TOTP step is skipped when the identity provider checked a second factor.
            self.request.session[IDP_MFA_SESSION_KEY] = mfa_asserted(payload)
        return user
