-- What changed an item after the version a user saw (shown when their edit is refused).
-- Params: item_id, seen version.
select occurred_at, actor, action, changes, reason, version
from item_events
where item_id = ? and version > ?
order by version;
