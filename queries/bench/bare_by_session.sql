-- The benchmark's floor: the same counts as stats/by_session, written straight over items in one pass.
-- Params (named): as_of, session_id (null = all). No table macro, no join, no empty session x kind rows.
-- Still a floor though it shares the rule: item_status, item_counted and status_counts are scalar and
-- aggregate macros (queries/views/), expanded into this statement when DuckDB binds it, so it plans
-- as the hand-written case/filter it replaces; the service does the same work plus the join to sessions.
select session_id, kind, unnest(status_counts(status, result))
from (
    select session_id, kind, result, item_status(transferred_on, responded_on, due_on, $as_of) as status
    from items
    where item_counted(received_on, archived_at, archive_reason, $as_of)
        and ($session_id is null or session_id = $session_id)
)
group by session_id, kind;
