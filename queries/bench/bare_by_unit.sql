-- The benchmark's floor: the same counts as stats/by_unit, written straight over items in one pass.
-- Params (named): as_of, session_id (null = all). No table macro, no join, no ordering.
-- A floor for the reason given in bench/bare_by_session.sql: macros expand at bind time.
select session_id, kind, lead_unit as unit, unnest(status_counts(status, result))
from (
    select session_id, kind, lead_unit, result, item_status(transferred_on, responded_on, due_on, $as_of) as status
    from items
    where item_counted(received_on, archived_at, archive_reason, $as_of)
        and ($session_id is null or session_id = $session_id)
)
group by session_id, kind, lead_unit;
