"""Cells for spreadsheets people open in Excel or LibreOffice."""

# A cell starting with one of these is run as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: str) -> str:
    """A text a spreadsheet shows as text, never runs as a formula.

    >>> safe("=SUM(A1:A9)")
    "'=SUM(A1:A9)"
    >>> safe("Børn og Familie")
    'Børn og Familie'
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value
