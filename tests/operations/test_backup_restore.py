"""Back up, change the data, restore: the data is as it was, on SQLite and on PostgreSQL.

The tests commit their data (transaction=True): a backup reads what is committed, as
pg_dump does from its own session.
"""

import stat
import tarfile

import pytest
from django.core.management import CommandError, call_command

from borgerraadgiver.inquiries.models import Inquiry
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "attachments").mkdir(parents=True)
    return settings.MEDIA_ROOT


def test_restore_brings_back_the_data_and_the_files_as_they_were(media, tmp_path):
    inquiry = InquiryFactory(summary="Som ved backup")
    (media / "attachments" / "svar.pdf").write_bytes(b"%PDF-1.4 svar fra forvaltningen")
    backup = tmp_path / "backups" / "borgerraadgiver.tar.gz"

    call_command("backup", str(backup))

    Inquiry.objects.filter(pk=inquiry.pk).update(summary="Ændret efter backup")
    later = InquiryFactory(summary="Registreret efter backup")
    (media / "attachments" / "svar.pdf").unlink()
    (media / "attachments" / "ny.pdf").write_bytes(b"%PDF-1.4 ny")

    call_command("restore", str(backup), yes=True)

    assert Inquiry.objects.get(pk=inquiry.pk).summary == "Som ved backup"
    assert not Inquiry.objects.filter(pk=later.pk).exists()
    assert (media / "attachments" / "svar.pdf").read_bytes() == b"%PDF-1.4 svar fra forvaltningen"
    assert not (media / "attachments" / "ny.pdf").exists()
    # Personal data: the backup is readable by its owner only.
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_a_damaged_backup_is_refused_and_nothing_is_changed(media, tmp_path):
    InquiryFactory(summary="Som ved backup")
    good = tmp_path / "good.tar"
    call_command("backup", str(good))
    now_there = InquiryFactory(summary="Efter backup")
    (media / "attachments" / "bilag.txt").write_text("bilag")
    # The same archive with the database file's bytes altered.
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(good) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database."):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            import io

            target.addfile(member, io.BytesIO(data))

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), yes=True)

    assert Inquiry.objects.filter(pk=now_there.pk).exists()
    assert (media / "attachments" / "bilag.txt").read_text() == "bilag"


def test_a_missing_backup_file_is_a_clear_error(media, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "nowhere.tar"), yes=True)
