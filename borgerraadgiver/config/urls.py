from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Borgerrådgiver administration")
admin.site.site_title = _("Borgerrådgiver administration")
admin.site.index_title = _("Organisation, lists and users")

urlpatterns = [
    path("", include("borgerraadgiver.advisor.urls")),
    path("accounts/", include("borgerraadgiver.accounts.urls")),
    path("portal/", include("borgerraadgiver.portal.urls")),
    path("admin/", admin.site.urls),
]
