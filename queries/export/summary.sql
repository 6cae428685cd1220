-- The export's figures without its rows (shown on screen before a file is made): one row per
-- kind x lead unit x status x result with how many items. Params as export/items.sql.
select
    kind, lead_unit, status,
    case when status in ('replied_on_time', 'replied_late') then result end as result,
    count(*) as n
from items_as_of($as_of)
where ($session_id is null or session_id = $session_id)
    and ($unit is null or lead_unit = $unit or list_contains(string_split(coordinating_units, ';'), $unit))
    and (not $only_open or status in ('open_not_due', 'overdue'))
group by all;
