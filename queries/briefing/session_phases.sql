-- When the recommendations of some sessions were sent (before / after the session), as of a date:
-- the briefing writes "gửi trước và sau Kỳ họp thứ 7" from it. Params (named): as_of.
select distinct session_id, kind, phase
from items_as_of($as_of)
where status <> 'transferred';
