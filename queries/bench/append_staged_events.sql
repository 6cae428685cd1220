-- Append the benchmark's staged events to the history in the order they happened.
-- Params: none.
insert into item_events (item_id, occurred_at, actor, action, changes, reason, version)
select item_id, occurred_at, actor, action, changes, reason, version
from bench_event_stage
order by occurred_at, item_id, version;
