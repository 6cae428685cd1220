"""Why a message is sent. The legal-deadline ones cannot be turned off (issue 13: people choose
which messages they receive, except those); the others each person may mute in Settings."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    ASSIGNED = "assigned"  # the unit, when an item is assigned or transferred to it (or created/imported so)
    DUE_SOON = "due_soon"  # the unit, N working days before the legal deadline
    OVERDUE = "overdue"  # the unit and the Office, once the legal deadline has passed, then weekly
    INTERNAL_DUE_SOON = "internal_due_soon"  # the unit, N working days before the internal deadline, no draft yet
    INTERNAL_OVERDUE = "internal_overdue"  # the unit and the Office, the internal deadline passed, no draft yet
    COMMITMENT_PASSED = "commitment_passed"  # the unit, a "being resolved" committed date passed, not done
    RETURNED = "returned"  # the Office, when a unit returns an item
    DRAFT_SUBMITTED = "draft_submitted"  # the Office, when a unit submits its draft
    DIGEST = "digest"  # the Minister's office, weekly
    TEST = "test"  # the administrator's "send a test message"


# The legal deadline is the law's (Law on NA Supervisory Activities Art. 27(2), domain.md):
# nobody may stop being told about it.
MANDATORY = frozenset({Reason.DUE_SOON, Reason.OVERDUE})
CHOOSABLE = (
    Reason.ASSIGNED,
    Reason.INTERNAL_DUE_SOON,
    Reason.INTERNAL_OVERDUE,
    Reason.COMMITMENT_PASSED,
    Reason.RETURNED,
    Reason.DRAFT_SUBMITTED,
    Reason.DIGEST,
)
# Reasons whose delivery is written in each listed item's history (the digest lists everyone's).
LOGGED = frozenset(set(Reason) - {Reason.DIGEST, Reason.TEST})
