"""The office's first letter templates, in a caseworker's Danish: loaded by a data migration
(`0002_default_templates`) and changed by the advisors afterwards. Every field named here is in
`fields.FIELDS` (a test checks it)."""

from typing import Any

from django.utils import timezone

SIGNATURE = "Med venlig hilsen\n\n{advisor_name}\n{office_name}"

DEFAULT_TEMPLATES: tuple[tuple[str, str, str, str], ...] = (
    # (kind, name, subject, body)
    (
        "receipt",
        "Kvittering for henvendelse",
        "Kvittering for din henvendelse",
        "Kære {citizen_name}\n\n"
        "Tak for din henvendelse til {office_name}, som vi modtog den {received_date}. Din "
        "henvendelse har sagsnummer **{case_number}**. Skriv gerne sagsnummeret, hvis du "
        "kontakter os igen om sagen.\n\n"
        "Borgerrådgiveren er uafhængig af forvaltningen. Vi ser nu på din henvendelse og vender "
        "tilbage til dig. Vi kontakter ikke forvaltningen om din sag uden dit samtykke.\n\n"
        + SIGNATURE,
    ),
    (
        "forwarding_notice",
        "Sagen er sendt til forvaltningen",
        "Din sag er sendt til forvaltningen",
        "Kære {citizen_name}\n\n"
        "Som aftalt med dig har vi den {sent_date} sendt din sag til ledelsen i {department} "
        "som {forwarding_kind}.\n\n"
        "Forvaltningen skal svare inden for {answer_weeks}, det vil sige senest den "
        "**{deadline}**. Svaret sendes til dig med kopi til borgerrådgiveren. Kan forvaltningen "
        "ikke svare inden fristen, skal den give dig og borgerrådgiveren besked med en ny "
        "dato.\n\n"
        "Du er velkommen til at kontakte os, hvis du har spørgsmål. Oplys venligst sagsnummer "
        "{case_number}.\n\n" + SIGNATURE,
    ),
    (
        "referral",
        "Henvisning til en anden myndighed",
        "Henvisning til {referral_body}",
        "Kære {citizen_name}\n\n"
        "Tak for din henvendelse, som vi modtog den {received_date}.\n\n"
        "Borgerrådgiveren kan ikke behandle din henvendelse, fordi den ligger uden for "
        "borgerrådgiverens kompetence. Vi henviser dig derfor til {referral_body}, som kan tage "
        "stilling til din sag. Du kan skrive til:\n\n"
        "{referral_address}\n\n"
        "Vi har afsluttet din henvendelse hos borgerrådgiveren den {closed_date}. Du er altid "
        "velkommen til at kontakte os igen, hvis du har spørgsmål til kommunens "
        "sagsbehandling.\n\n" + SIGNATURE,
    ),
    (
        "later_deadline",
        "Ny svarfrist",
        "Ny svarfrist i din sag",
        "Kære {citizen_name}\n\n"
        "{department} har meddelt, at forvaltningen ikke kan svare på din sag inden den "
        "oprindelige frist. Den nye svarfrist er **{deadline}**.\n\n"
        "Borgerrådgiveren følger sagen og kontakter forvaltningen, hvis svaret ikke kommer. "
        "Oplys venligst sagsnummer {case_number}, hvis du kontakter os.\n\n" + SIGNATURE,
    ),
    (
        "closing",
        "Afslutning af henvendelse",
        "Vi har afsluttet din henvendelse",
        "Kære {citizen_name}\n\n"
        "Vi har den {closed_date} afsluttet din henvendelse med sagsnummer {case_number} hos "
        "borgerrådgiveren.\n\n"
        "Tak fordi du kontaktede os. Du er altid velkommen til at henvende dig igen, hvis der "
        "opstår nye spørgsmål i din sag eller i en anden sag.\n\n" + SIGNATURE,
    ),
    (
        "free",
        "Frit brev",
        "Brev fra borgerrådgiveren",
        "Kære {citizen_name}\n\n" + SIGNATURE,
    ),
)


def default_templates_load(template_model: Any, version_model: Any) -> None:
    """Add the default templates that are missing, each with its first version (the data
    migration passes its historical models)."""
    now = timezone.now()
    for kind, name, subject, body in DEFAULT_TEMPLATES:
        template, created = template_model.objects.get_or_create(
            kind=kind, name=name, defaults={"subject": subject, "body": body}
        )
        if created:
            version_model.objects.create(
                template=template, subject=subject, body=body, saved_at=now
            )
