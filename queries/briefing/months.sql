-- The first and last day anything was received (the briefing page's month choices).
-- Params: none.
select min(received_on) as first, max(received_on) as last from items where archived_at is null;
