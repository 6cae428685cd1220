-- The four buckets and result categories per session x kind, as of a date: only the pairs that
-- have items. Params (named): as_of, session_id (null = all), kind (null = both).
-- (Issue 5: a bare aggregate over the status macro; Tracker.stats adds the zero rows — a kind
-- with nothing yet — and the order in Python, where they cost nothing to plan. The counting block
-- is status_counts, queries/views/03_status_counts.sql.)
select session_id, kind, unnest(status_counts(status, result))
from items_as_of($as_of)
where ($session_id is null or session_id = $session_id) and ($kind is null or kind = $kind)
group by session_id, kind;
