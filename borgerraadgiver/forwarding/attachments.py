from django.http import FileResponse, Http404, HttpRequest
from django.utils import timezone

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.forwarding.models import Forwarding


def attachment_response(request: HttpRequest, forwarding: Forwarding, pk: int) -> FileResponse:
    """Send one attachment of a forwarding the caller has already been allowed to see; logged."""
    attachment = forwarding.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    access_log_write(
        user=request.user,  # type: ignore[arg-type]
        event=AccessEvent.ANSWER_ATTACHMENT_DOWNLOADED,
        now=timezone.now(),
        inquiry_id=forwarding.inquiry_id,
        detail=str(attachment.pk),
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
