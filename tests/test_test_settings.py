"""The test settings themselves: what a run leaves behind on the machine."""

import os
from pathlib import Path

from tests.helpers import project_python


def test_a_test_process_removes_its_media_folder_when_it_ends():
    result = project_python(
        [
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "(settings.MEDIA_ROOT / 'upload.pdf').write_bytes(b'%PDF'); print(settings.MEDIA_ROOT)",
        ],
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "borgerraadgiver.config.settings.test",
            "DATABASE_URL": "sqlite:////tmp/borgerraadgiver-settings-test.db",
            "LOG_LEVEL": "WARNING",
        },
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert folder.name.startswith("borgerraadgiver-test-media-")
    assert not folder.exists()
