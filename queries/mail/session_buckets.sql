-- The four buckets per session as of a date, with the session's code, for the weekly digest.
-- Params: as_of.
select session_id, term, session_number, extraordinary, unnest(status_counts(status, result))
from items_as_of(?)
group by all
order by term, session_number, extraordinary;
