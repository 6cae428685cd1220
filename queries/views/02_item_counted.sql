-- Whether an item belongs in the figures as of a date (tracker.status.counts_as_of).
-- Params: the item's received_on, archived_at, archive_reason and the as_of date. Re-created on every open.
-- Not yet received: no. Archived as a duplicate entry (issue 9): never. Archived for another
-- reason: still counted as of the days before its archiving, so last month's figures stay reproducible.
create or replace macro item_counted(received_on, archived_at, archive_reason, as_of) as
received_on <= as_of
and (archived_at is null
    or (coalesce(archive_reason, 'other') <> 'duplicate_entry' and cast(archived_at as date) > as_of));
