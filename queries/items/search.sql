-- One page of the register as of a date, with the number of matching rows on every row.
-- Params (named; null = no filter): as_of, session_id, kind, unit, status, result, topic,
--   due_from, due_to, soon_until, q (folded words), order ('received' | 'queue'), limit, offset.
-- Issue 5: the page is chosen on narrow rows (id and sort keys; counting the matches over wide
-- rows cost 300 ms at 1,000,000 items), then only its rows are read in full. The first four
-- words are plain contains() calls, evaluated vectorised, each only on rows the one before kept
-- (a word past the last is '', which every text contains); a longer search also checks them all.
with page as (
    select id, status, due_on, received_on, count(*) over () as matches
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
        and ($q is null or (
            contains(search_text, split_part($q, ' ', 1))
            and contains(search_text, split_part($q, ' ', 2))
            and contains(search_text, split_part($q, ' ', 3))
            and contains(search_text, split_part($q, ' ', 4))
            and (len(string_split($q, ' ')) <= 4
                or list_bool_and([contains(search_text, w) for w in string_split($q, ' ')]))))
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
    limit $limit offset $offset
)
select
    i.id, i.kind, i.term, i.session_number, i.extraordinary, i.phase, i.ref_no, i.received_on, i.summary,
    i.topic, i.sources, i.deputy, i.lead_unit, i.coordinating_units, i.due_on, i.status, i.result, i.responded_on,
    i.response_no, i.version,
    page.matches
from page
join items_as_of($as_of) as i on i.id = page.id
order by
    case when $order = 'queue' then
        case
            when page.status = 'overdue' then 0
            when page.status = 'open_not_due' and page.due_on <= $soon_until then 1
            when page.status = 'open_not_due' then 2
            else 3
        end
    else 0 end,
    case when $order = 'queue' then page.due_on end,
    page.received_on desc,
    page.id desc;
