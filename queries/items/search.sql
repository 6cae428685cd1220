-- One page of the register as of a date, with the number of matching rows on every row.
-- Params (named; null = no filter): as_of, session_id, kind, unit, status, result, topic,
--   due_from, due_to, soon_until, q (folded words), order ('received' | 'queue'), limit, offset.
select
    id, kind, term, session_number, extraordinary, phase, ref_no, received_on, summary, topic,
    sources, deputy, lead_unit, coordinating_units, due_on, status, result, responded_on,
    response_no, version,
    count(*) over () as matches
from items_as_of($as_of)
where ($session_id is null or session_id = $session_id)
    and ($kind is null or kind = $kind)
    and ($unit is null or lead_unit = $unit or list_contains(string_split(coordinating_units, ';'), $unit))
    and ($status is null
        or status = $status
        or ($status = 'replied' and status in ('replied_on_time', 'replied_late'))
        or ($status = 'open' and status in ('open_not_due', 'overdue'))
        or ($status = 'due_soon' and status = 'open_not_due' and due_on <= $soon_until))
    and ($result is null or (result = $result and status in ('replied_on_time', 'replied_late')))
    and ($topic is null or topic = $topic)
    and ($due_from is null or due_on >= $due_from)
    and ($due_to is null or due_on <= $due_to)
    and ($q is null or list_bool_and([contains(search_text, w) for w in string_split($q, ' ')]))
order by
    case when $order = 'queue' then
        case
            when status = 'overdue' then 0
            when status = 'open_not_due' and due_on <= $soon_until then 1
            when status = 'open_not_due' then 2
            else 3
        end
    else 0 end,
    case when $order = 'queue' then due_on end,
    received_on desc,
    id desc
limit $limit offset $offset;
