"""The product's clock: local Dutch time, as the kerngroep reads it in load histories and logs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Amsterdam")


def now() -> datetime:
    """Local Dutch time without zone, to the second."""
    return datetime.now(TIMEZONE).replace(tzinfo=None, microsecond=0)


def now_aware() -> datetime:
    """Local Dutch time with its zone, to the second (a snapshot's ``created``)."""
    return datetime.now(TIMEZONE).replace(microsecond=0)
