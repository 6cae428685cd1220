-- Schema version 2: find an item's history without scanning every event.
-- Safe to run twice.
create index if not exists item_events_item_idx on item_events (item_id);
