"""The choice sets the schema names, at module level so that SPECTACULAR_SETTINGS can name them
(`ENUM_NAME_OVERRIDES` takes import paths, and nested classes cannot be imported by path)."""

from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Channel, ComplainantKind, Inquiry
from borgerraadgiver.recommendations.models import RecommendationEvent
from borgerraadgiver.recommendations.models import Status as RecommendationStatus

__all__ = ["Channel", "ComplainantKind", "RecommendationStatus"]

InquiryStatus = Inquiry.Status
ForwardingStatus = Forwarding.Status
ForwardingKind = Forwarding.Kind
ForwardingOutcome = Forwarding.Outcome
RecommendationEventKind = RecommendationEvent.Kind
