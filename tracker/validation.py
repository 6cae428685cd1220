"""Input rules shared by forms, the import and the CLI. Every check raises InvalidInput with a
catalog key, the field and the offending value, so the user reads what to fix in their language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import Field, replace
from datetime import date, timedelta
from enum import Enum
from typing import Any, ClassVar, ParamSpec, Protocol, TypeVar

from tracker import clock
from tracker.dates import EARLIEST, LATEST, format_date
from tracker.errors import InvalidInput, InvalidInputs, NotFound
from tracker.items import PHASES_BY_KIND, ItemFields, Kind, Phase, Reply, Result
from tracker.plain_text import codepoint, find_invisible
from tracker.reference import Unit
from tracker.text import clean, has_control_chars

MAX_SUMMARY = 2_000
MAX_FULL_TEXT = 50_000
MAX_SHORT = 200
MAX_REASON = 2_000
MAX_SOURCES = 70  # one per province, and then some

P = ParamSpec("P")
T = TypeVar("T")
E = TypeVar("E", bound=Enum)


class ReferenceLike(Protocol):
    """What the checks read of tracker.service.Reference (service imports this module, so the
    type is described here rather than imported)."""

    @property
    def units(self) -> tuple[Unit, ...]: ...

    def session(self, session_id: int) -> object: ...


class DraftLike(ItemFields, Protocol):
    """What validate_draft reads of tracker.service.ItemDraft (a dataclass: it is copied with
    dataclasses.replace). An import may hand over no receipt date; the check reports it."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def session_id(self) -> int: ...
    @property
    def received_on(self) -> date | None: ...
    @property
    def due_on(self) -> date | None: ...
    @property
    def due_override_reason(self) -> str: ...


D = TypeVar("D", bound=DraftLike)


def validate_text(value: str | None, field: str, limit: int, *, required: bool = False, multiline: bool = True) -> str:
    text = clean(value)
    if required and not text:
        raise InvalidInput("error.required", field=field)
    if len(text) > limit:
        raise InvalidInput("error.too_long", field=field, limit=limit, length=len(text))
    if has_control_chars(text) or (not multiline and ("\n" in text or "\r" in text)):
        raise InvalidInput("error.control_chars", field=field)
    # Refused rather than silently stripped: the person sees what to fix, and the record holds
    # exactly what they confirmed. A U+202E would make the text read differently from what it is.
    invisible = find_invisible(text)
    if invisible:
        raise InvalidInput("error.invisible_chars", field=field, char=codepoint(invisible))
    return text


def validate_day(day: date | None, field: str) -> date:
    if day is None:
        raise InvalidInput("error.date_required", field=field)
    if not EARLIEST <= day <= LATEST:
        raise InvalidInput("error.date_range", field=field, value=format_date(day))
    return day


def validate_event_date(day: date | None, received_on: date, field: str) -> date:
    """A reply or transfer cannot predate receipt, nor be dated in the future."""
    day = validate_day(day, field)
    if day < received_on:
        raise InvalidInput(
            "error.before_received", field=field, value=format_date(day), received=format_date(received_on)
        )
    if day > clock.today() + timedelta(days=1):
        raise InvalidInput("error.future_date", field=field, value=format_date(day))
    return day


def validate_due(due_on: date | None, received_on: date) -> date:
    due_on = validate_day(due_on, "due_on")
    if due_on < received_on:
        raise InvalidInput("error.due_before_received", field="due_on", value=format_date(due_on))
    return due_on


def _unit_code(
    code: str | None, units: tuple[Unit, ...], field: str, on: tuple[date, ...], keep: tuple[str, ...]
) -> str:
    code = clean(code)
    unit = next((u for u in units if u.code == code), None)
    if unit is None:
        raise InvalidInput("error.unknown_unit", field=field, value=code)
    # Units change over time (domain.md): a new assignment goes to a unit active on the day the
    # item arrived or today; units an item already has stay valid ("old items keep their unit").
    if code not in keep and not any(unit.is_active_on(day) for day in on):
        raise InvalidInput("error.unit_inactive", field=field, value=unit.name_vi)
    return code


def validate_assignment(
    lead: str | None,
    coordinating: tuple[str, ...],
    reference: ReferenceLike,
    *,
    on: tuple[date, ...] = (),
    keep: tuple[str, ...] = (),
) -> tuple[str, tuple[str, ...]]:
    if not clean(lead):
        raise InvalidInput("error.lead_required", field="lead_unit")
    on = on or (clock.today(),)
    lead_code = _unit_code(lead, reference.units, "lead_unit", on, keep)
    seen: list[str] = []
    for code in coordinating:
        code = _unit_code(code, reference.units, "coordinating_units", on, keep)
        if code != lead_code and code not in seen:
            seen.append(code)
    return lead_code, tuple(seen)


def validate_draft(draft: D, reference: ReferenceLike, keep_units: tuple[str, ...] = ()) -> D:
    """Check every field of a new (or corrected) item; report all problems at once."""
    errors: list[InvalidInput] = []

    def check(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        try:
            return fn(*args, **kwargs)
        except InvalidInputs as many:
            errors.extend(many.errors)
        except InvalidInput as error:
            errors.append(error)
        return None

    kind = check(_enum, Kind, draft.kind, "kind")
    phase = check(_enum, Phase, draft.phase, "phase")
    if kind and phase and phase not in PHASES_BY_KIND[kind]:
        errors.append(InvalidInput("error.phase_kind", field="phase"))
    check(_session, reference, draft.session_id)
    received = check(validate_day, draft.received_on, "received_on")
    if received and received > clock.today() + timedelta(days=1):
        errors.append(InvalidInput("error.future_date", field="received_on", value=format_date(received)))
    summary = check(validate_text, draft.summary, "summary", MAX_SUMMARY, required=True)
    full_text = check(validate_text, draft.full_text, "full_text", MAX_FULL_TEXT)
    ref_no = check(validate_text, draft.ref_no, "ref_no", MAX_SHORT, multiline=False)
    topic = check(validate_text, draft.topic, "topic", MAX_SHORT, multiline=False)
    deputy = check(validate_text, draft.deputy, "deputy", MAX_SHORT, multiline=False)
    sources = tuple(
        s for s in (check(validate_text, s, "sources", MAX_SHORT, multiline=False) for s in draft.sources) if s
    )
    if len(sources) > MAX_SOURCES:
        errors.append(InvalidInput("error.too_many", field="sources", limit=MAX_SOURCES))
    if kind == Kind.DEPUTY_QUESTION and not (deputy or sources):
        errors.append(InvalidInput("error.deputy_required", field="deputy"))
    lead: str | None = None
    coordinating: tuple[str, ...] = ()
    if draft.lead_unit:
        dates = (received, clock.today()) if received else (clock.today(),)
        assigned = check(
            validate_assignment, draft.lead_unit, tuple(draft.coordinating_units), reference, on=dates, keep=keep_units
        )
        if assigned:
            lead, coordinating = assigned
    elif draft.coordinating_units:
        errors.append(InvalidInput("error.lead_required", field="lead_unit"))
    due_on = draft.due_on
    reason = check(validate_text, draft.due_override_reason, "due_override_reason", MAX_REASON)
    if due_on is not None and received:
        check(validate_due, due_on, received)
        if not reason:
            errors.append(InvalidInput("error.override_reason", field="due_override_reason"))
    if errors:
        raise InvalidInputs(errors)
    return replace(
        draft,
        kind=kind,
        phase=phase,
        received_on=received,
        summary=summary,
        full_text=full_text or "",
        ref_no=ref_no or "",
        topic=topic or "",
        deputy=deputy or "",
        sources=sources,
        lead_unit=lead,
        coordinating_units=coordinating,
        due_override_reason=reason or "",
    )


def _session(reference: ReferenceLike, session_id: int) -> object:
    try:
        return reference.session(session_id)
    except NotFound:
        raise InvalidInput("error.session_not_found", field="session", value=str(session_id)) from None


def _enum(enum: type[E], value: object, field: str) -> E:
    try:
        return enum(value)
    except ValueError:
        raise InvalidInput("error.choice", field=field, value=str(value)) from None


def validate_reply(reply: Reply, received_on: date, due_on: date, kind: Kind | str | None = None) -> Reply:
    """Check a reply. The result category is required for a voter recommendation (JR 72/2025
    Art. 49(2)); a deputy's question may be answered without one."""
    errors: list[InvalidInput] = []

    def check(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        try:
            return fn(*args, **kwargs)
        except InvalidInput as error:
            errors.append(error)
        return None

    response_no = check(validate_text, reply.response_no, "response_no", MAX_SHORT, required=True, multiline=False)
    responded_on = check(validate_event_date, reply.responded_on, received_on, "responded_on")
    signer = check(validate_text, reply.signer, "signer", MAX_SHORT, multiline=False)
    summary = check(validate_text, reply.summary, "response_summary", MAX_SUMMARY)
    result: Result | None
    if reply.result in (None, ""):
        result = None
        if kind != Kind.DEPUTY_QUESTION:
            errors.append(InvalidInput("error.result_required", field="result"))
    else:
        result = check(_enum, Result, reply.result, "result")
    roadmap = check(validate_text, reply.roadmap, "roadmap", MAX_REASON)
    late_reason = check(validate_text, reply.late_reason, "late_reason", MAX_REASON)
    committed_on = reply.committed_on
    if result == Result.BEING_RESOLVED:
        # JR 72/2025 Art. 49(2): the report must give the roadmap and the deadline.
        if not roadmap:
            errors.append(InvalidInput("error.roadmap_required", field="roadmap"))
        if committed_on is None:
            errors.append(InvalidInput("error.committed_required", field="committed_on"))
        elif responded_on and committed_on < responded_on:
            errors.append(InvalidInput("error.committed_before_reply", field="committed_on"))
        else:
            check(validate_day, committed_on, "committed_on")
    else:
        roadmap, committed_on = "", None
    if responded_on and responded_on > due_on and not late_reason:
        errors.append(InvalidInput("error.late_reason_required", field="late_reason", due=format_date(due_on)))
    if errors:
        raise InvalidInputs(errors)
    # No error was reported, so every check returned its value.
    assert response_no is not None and responded_on is not None
    return Reply(
        response_no, responded_on, signer or "", summary or "", result, roadmap or "", committed_on, late_reason or ""
    )


def validate_unit(unit: Unit) -> Unit:
    code = validate_text(unit.code, "code", 20, required=True, multiline=False).upper()
    name_vi = validate_text(unit.name_vi, "name_vi", MAX_SHORT, required=True, multiline=False)
    name_en = validate_text(unit.name_en, "name_en", MAX_SHORT, multiline=False) or name_vi
    if unit.active_from and unit.active_to and unit.active_to < unit.active_from:
        raise InvalidInput("error.unit_period", field="active_to")
    return Unit(code, name_vi, name_en, unit.active_from, unit.active_to, unit.sort_order)
