from django.conf import settings
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
    path("statistics/", include("borgerraadgiver.reports.urls")),
    path("report/", include("borgerraadgiver.report_content.urls")),
    path("report/", include("borgerraadgiver.reports.document_urls")),
    path("activities/", include("borgerraadgiver.activities.urls")),
    path("recommendations/", include("borgerraadgiver.recommendations.urls")),
    path("imports/", include("borgerraadgiver.imports.urls")),
    path("jobs/", include("borgerraadgiver.jobs.urls")),
    path("privacy/", include("borgerraadgiver.privacy.urls")),
    path("letters/", include("borgerraadgiver.letters.urls")),
    path("api/", include("borgerraadgiver.api.urls")),
    # The citizens' web form (public, /contact/) and the advisor's inbox of its submissions.
    path("", include("borgerraadgiver.intake.urls")),
    # The citizen's survey after a closed inquiry (public, /survey/<token>/).
    path("", include("borgerraadgiver.feedback.urls")),
    # Health check for the load balancer and monitoring (/health/).
    path("", include("borgerraadgiver.operations.urls")),
    path("admin/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    # Single sign-on: /oidc/authenticate/ and /oidc/callback/ (docs/security.md).
    urlpatterns.append(path("oidc/", include("borgerraadgiver.accounts.oidc_urls")))

# A database that cannot write, also when found in a middleware, gives the 503 page.
handler500 = "borgerraadgiver.operations.views.server_error"
