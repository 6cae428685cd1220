"""A row's reply, or its transfer to the competent agency, checked against its dates."""

from __future__ import annotations

from datetime import date

from tracker import validation as v
from tracker.errors import InvalidInput, InvalidInputs
from tracker.file_columns import TRANSFERRED
from tracker.i18n import t
from tracker.importing.cells import Cells, Values
from tracker.importing.vocab import _norm
from tracker.items import Kind, Reply, Result

# What a row's reply columns give: a reply, or a transfer (its date and note), or neither.
ReplyOutcome = tuple[Reply | None, date | None, str]


def parse_reply(
    cells: Cells,
    values: Values,
    results: dict[str, str],
    kind: Kind | None,
    received: date,
    due_on: date,
    problems: list[InvalidInput],
) -> ReplyOutcome:
    result_text = cells.text(values, "result")
    response_no = cells.text(values, "response_no")
    responded = cells.read_date(values, "responded_on", problems)
    committed = cells.read_date(values, "committed_on", problems)
    if not (result_text or response_no or responded):
        return None, None, ""
    result = results.get(_norm(result_text)) if result_text else None
    if result_text and result is None:
        problems.append(InvalidInput("error.choice", field="result", value=result_text))
        return None, None, ""
    if result is None and kind != Kind.DEPUTY_QUESTION:
        # JR 72/2025 Art. 49(2) classifies replies to recommendations; a question has no category.
        problems.append(InvalidInput("import.result_required", field="result"))
        return None, None, ""
    if responded is None:
        if not any(p.field == "responded_on" for p in problems):
            problems.append(InvalidInput("error.date_required", field="responded_on"))
        return None, None, ""
    if result == TRANSFERRED:
        return None, responded, _transfer_note(cells, values, responded, received, response_no, problems)
    late_reason = cells.text(values, "late_reason")
    if responded > due_on and not late_reason:
        # A past reply being recorded: the file may not say why it was late. Say so rather
        # than refuse the row or invent a reason.
        late_reason = t("import.late_reason_missing", cells.lang)
    reply = Reply(
        response_no=response_no,
        responded_on=responded,
        signer=cells.text(values, "signer"),
        summary=cells.text(values, "response_summary"),
        result=Result(result) if result else None,
        roadmap=cells.text(values, "roadmap"),
        committed_on=committed,
        late_reason=late_reason,
    )
    try:
        return v.validate_reply(reply, received, due_on, kind), None, ""
    except InvalidInputs as many:
        problems.extend(many.errors)
    return None, None, ""


def _transfer_note(
    cells: Cells, values: Values, responded: date, received: date, response_no: str, problems: list[InvalidInput]
) -> str:
    try:
        v.validate_event_date(responded, received, "responded_on")
    except InvalidInput as error:
        problems.append(error)
    note = cells.text(values, "transfer_note") or response_no or t("import.transfer_note_default", cells.lang)
    try:
        note = v.validate_text(note, "transfer_note", v.MAX_REASON, required=True)
    except InvalidInput as error:
        problems.append(error)
    return note
