from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff. Roles are flags: one person may be advisor and administrator."""

    is_advisor = models.BooleanField(
        _("advisor"),
        default=False,
        help_text=_("Registers and handles inquiries and sees all of them."),
    )
    is_administrator = models.BooleanField(
        _("administrator"),
        default=False,
        help_text=_("Maintains the organisation, reasons, handling types and users."),
    )
    is_report_reader = models.BooleanField(
        _("report reader"),
        default=False,
        help_text=_(
            "Reads the statistics and the published reports: figures only, never a person, a "
            "summary or a case number."
        ),
    )
    managed_departments = models.ManyToManyField(
        "organisation.Department",
        verbose_name=_("manages departments"),
        blank=True,
        related_name="managers",
        help_text=_(
            "A department manager receives the forwardings to these departments and sees nothing "
            "else."
        ),
    )
    managed_areas = models.ManyToManyField(
        "organisation.Area",
        verbose_name=_("manages areas"),
        blank=True,
        related_name="managers",
        help_text=_(
            "The management of an area without departments (e.g. the municipal director's) "
            "receives the forwardings to the area itself."
        ),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Empty: follow the browser's language."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class OidcIdentity(models.Model):
    """Who a user is at the identity provider: the issuer and its subject (`iss`, `sub`).

    Unlike the user name, these never pass from one person to another, so single sign-on finds
    the user by them alone (accounts/oidc.py). Set at the user's first single sign-on, or by the
    server's operator (`borgerraadgiver link_oidc_identity`) for an account that existed before.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="oidc_identity",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="accounts_oidc_identity_issuer_subject_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"


class RoleGrant(models.Model):
    """A request to give a user a role that opens personal data, and its second person's decision.

    An administrator asks; another active advisor (neither the one who asked nor the user) approves
    or refuses. Only an approval sets the role's flag on the user (`privacy.role_grants`).
    """

    class Role(models.TextChoices):
        ADVISOR = "advisor", _("advisor")

    class Decision(models.TextChoices):
        PENDING = "pending", _("awaits approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    requested_by = models.ForeignKey(
        User,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty: the server's operator."),
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["requested_at", "id"]
        constraints = [
            # One open request per user and role: ticking the box again asks nothing new.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(decision="pending"),
                name="one_pending_grant_per_user_role",
            ),
            models.CheckConstraint(
                condition=models.Q(decision="pending", decided_at__isnull=True)
                | (~models.Q(decision="pending") & models.Q(decided_at__isnull=False)),
                name="grant_decided_when_not_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.get_decision_display()})"


class LoginLockout(AccessAttempt):
    """django-axes' record of failed logins, by a name the administrator reads in Danish (axes
    ships no Danish catalogue and its model's names cannot change without a migration of axes)."""

    class Meta:
        proxy = True
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins and lock-outs")
