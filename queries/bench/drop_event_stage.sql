-- Drop the benchmark's scratch table of staged events.
-- Params: none.
drop table if exists bench_event_stage;
