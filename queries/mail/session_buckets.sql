-- The four buckets per session as of a date, for the weekly digest (the session's code comes from the reference).
-- Params: as_of.
select session_id, unnest(status_counts(status, result))
from items_as_of(?)
group by session_id;
