from borgerraadgiver.accounts.models import User


def user_set_language(*, user: User, language: str) -> None:
    """Remember the user's language for every later page; empty means follow the browser."""
    user.language = language
    user.full_clean(validate_unique=False)
    user.save(update_fields=["language"])
