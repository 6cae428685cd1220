"""Why a message is sent. The legal-deadline ones cannot be turned off (issue 13: people choose
which messages they receive, except those); the others each person may mute in Settings."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    ASSIGNED = "assigned"  # the unit, when an item is assigned or transferred to it
    DUE_SOON = "due_soon"  # the unit, N working days before the legal deadline
    OVERDUE = "overdue"  # the unit and the Office, once the legal deadline has passed, then weekly
    DIGEST = "digest"  # the Minister's office, weekly
    TEST = "test"  # the administrator's "send a test message"


# The legal deadline is the law's (Law on NA Supervisory Activities Art. 27(2), domain.md):
# nobody may stop being told about it.
MANDATORY = frozenset({Reason.DUE_SOON, Reason.OVERDUE})
CHOOSABLE = (Reason.ASSIGNED, Reason.DIGEST)
