-- Sessions whose items were received, replied to or due in a month (the briefing's session lines).
-- Params (named): first, last.
select distinct session_id
from items
where archived_at is null
    and (received_on between $first and $last
        or responded_on between $first and $last
        or transferred_on between $first and $last
        or due_on between $first and $last);
