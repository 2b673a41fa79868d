# The browser fixtures (one Chromium, a fresh context per test), for the browser test here.
from tests.browser.conftest import browser, context, page  # noqa: F401
