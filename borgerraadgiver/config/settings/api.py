"""The REST API's settings (DRF and drf-spectacular), read by base.py."""

# The REST API (/api/): a token per user, JSON only, nothing for anonymous callers.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "borgerraadgiver.api.authentication.HashedTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Borgerrådgiver API",
    "DESCRIPTION": (
        "Inquiries, forwardings and the report's statistics, with the same permissions as the "
        "pages. Authenticate with `Authorization: Token <key>`; see docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its page (GET only) also take the browser's session; the API does not.
    "SERVE_AUTHENTICATION": [
        "borgerraadgiver.api.authentication.HashedTokenAuthentication",
        "borgerraadgiver.api.authentication.VerifiedSessionAuthentication",
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ChannelEnum": "borgerraadgiver.api.enums.Channel",
        "ComplainantKindEnum": "borgerraadgiver.api.enums.ComplainantKind",
        "InquiryStatusEnum": "borgerraadgiver.api.enums.InquiryStatus",
        "ForwardingStatusEnum": "borgerraadgiver.api.enums.ForwardingStatus",
        "ForwardingKindEnum": "borgerraadgiver.api.enums.ForwardingKind",
        "ForwardingOutcomeEnum": "borgerraadgiver.api.enums.ForwardingOutcome",
        "RecommendationStatusEnum": "borgerraadgiver.api.enums.RecommendationStatus",
        "RecommendationEventKindEnum": "borgerraadgiver.api.enums.RecommendationEventKind",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
