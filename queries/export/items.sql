-- Items for the export pack (register, overdue sheet, Word appendix, CSV) as they stood on a date:
-- a reply or transfer dated after as_of had not happened yet, so its fields are left empty. With the
-- workflow stage that day and the Office's own internal deadline, if set (tracker/exporting.py fills the default).
-- Params (named): as_of, session_id (null = all), unit (null = all; leading or coordinating), only_open.
select
    id, kind, term, session_number, extraordinary, phase, ref_no, received_on, sources, deputy,
    summary, full_text, topic, lead_unit, coordinating_units, due_on, due_basis, status, stage, internal_due_on,
    case when status in ('replied_on_time', 'replied_late') then response_no end as response_no,
    case when status in ('replied_on_time', 'replied_late') then responded_on end as responded_on,
    case when status in ('replied_on_time', 'replied_late') then signer end as signer,
    case when status in ('replied_on_time', 'replied_late') then response_summary end as response_summary,
    case when status in ('replied_on_time', 'replied_late') then result end as result,
    case when status in ('replied_on_time', 'replied_late') then roadmap end as roadmap,
    case when status in ('replied_on_time', 'replied_late') then committed_on end as committed_on,
    case when status in ('replied_on_time', 'replied_late') then late_reason end as late_reason,
    case when status = 'transferred' then transferred_on end as transferred_on,
    case when status = 'transferred' then transfer_note end as transfer_note
from items_stage_as_of($as_of)
where ($session_id is null or session_id = $session_id)
    and ($unit is null or lead_unit = $unit or list_contains(string_split(coordinating_units, ';'), $unit))
    and (not $only_open or status in ('open_not_due', 'overdue'))
order by term, extraordinary, session_number, kind desc, received_on, id;
