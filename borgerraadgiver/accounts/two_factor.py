"""The authenticator app (TOTP): the QR code and the secret a user types in by hand."""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, as authenticator apps ask for it."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI (allowed by the CSP's img-src)."""
    # Loaded when a QR code is drawn, not by every command's start.
    import qrcode  # noqa: PLC0415
    import qrcode.image.svg  # noqa: PLC0415

    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    svg = image.to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
