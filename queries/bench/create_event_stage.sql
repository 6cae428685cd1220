-- A scratch table for the benchmark's generated events, so they can be appended in time order.
-- Params: none. Temporary: gone with the connection, never in the file.
create or replace temp table bench_event_stage as
select item_id, occurred_at, actor, action, changes, reason, version from item_events limit 0;
