from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    """The administrator's pages: Django's admin over the organisation, the users and the lists.

    A user interface like `advisor` and `portal`, with no models of its own, so that the domain
    apps below it never import the admin (and its role checks) from above.
    """

    name = "borgerraadgiver.administration"
    label = "administration"
    verbose_name = _("Administration")
