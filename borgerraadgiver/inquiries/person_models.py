"""The history of a person's record: corrections of their details, and records merged into it.

Imported by `inquiries.models`, so Django registers them in the inquiries app. Both cascade
with the person: when retention deletes a person, what was recorded about them goes too.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PERSON_FIELDS = ("name", "phone", "email", "address", "cpr", "letters_by_email")


class PersonChange(models.Model):
    """Who corrected which of a person's details, when, from what, to what: one row per field.

    A CPR number is only ever written masked (`inquiries.cpr.cpr_mask`).
    """

    person = models.ForeignKey(
        "inquiries.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"))
    # The person's version this change made: a stale form is shown the changes since its own.
    version = models.PositiveIntegerField(_("version"))
    field = models.CharField(_("field"), max_length=20)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)

    class Meta:
        verbose_name = _("change of a person's details")
        verbose_name_plural = _("changes of persons' details")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.field} {self.changed_at:%Y-%m-%d %H:%M}"

    @property
    def field_label(self) -> str:
        person_model = self._meta.get_field("person").related_model
        field = person_model._meta.get_field(self.field)  # type: ignore[union-attr]
        return str(getattr(field, "verbose_name", self.field))


class PersonMerge(models.Model):
    """Two records of the same person made one: which record went into which, by whom, when,
    and what the merged record held (its CPR number masked). The merged record's id stays
    here, so that the access log's rows naming it are found under the kept person."""

    kept = models.ForeignKey(
        "inquiries.Person",
        verbose_name=_("kept record"),
        on_delete=models.CASCADE,
        related_name="merges",
    )
    merged_person_id = models.BigIntegerField(_("merged record"), db_index=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"))
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    cpr_masked = models.CharField(_("CPR number"), max_length=11, blank=True)
    inquiries_moved = models.PositiveIntegerField(_("inquiries moved"))

    class Meta:
        verbose_name = _("merged record")
        verbose_name_plural = _("merged records")
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged_person_id} → {self.kept_id} {self.merged_at:%Y-%m-%d %H:%M}"
