-- Sessions a month's briefing speaks of: those whose items were received, replied to or due in the
-- month, and those sitting in the month (so "nothing received yet for the 8th session" is said).
-- Params (named): first, last.
select distinct session_id
from items
where archived_at is null
    and (received_on between $first and $last
        or responded_on between $first and $last
        or transferred_on between $first and $last
        or due_on between $first and $last)
union
select id
from sessions
where opens_on <= $last and coalesce(closes_on, opens_on) >= $first;
