-- Schema version 6 (issue 9): why an item was archived, as a kind: 'duplicate_entry' (entered twice
-- or by mistake: it never existed, so it counts at no as-of date) or 'other' (null in older rows).
alter table items add column if not exists archive_reason varchar;

-- Until issue 10 this file also redefined the items_as_of macro to leave duplicate entries out.
-- Macros now live in queries/views/ (re-created on every open after the migrations): migrations hold tables only.
