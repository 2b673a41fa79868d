import datetime

from django.utils import timezone


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A moment on `day` in the office's time zone: services take the time as an argument."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
