-- The voter recommendations of a session not archived (the raised-again counts of the progress page).
-- Params: session_id.
select id
from items
where session_id = ? and kind = 'voter_recommendation' and archived_at is null;
