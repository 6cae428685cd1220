-- Live items of the same kind and session with the same incoming number (duplicate check).
-- Params: kind, session_id, folded ref_no.
select id, ref_no, summary
from items
where archived_at is null
    and kind = ?
    and session_id = ?
    and lower(trim(ref_no)) = ?
    and trim(ref_no) <> '';
