-- Schema version 6 (issue 9): why an item was archived, as a kind: 'duplicate_entry' (entered twice
-- or by mistake: it never existed, so it counts at no as-of date) or 'other' (null in older rows).
alter table items add column if not exists archive_reason varchar;

-- Status as of a date (tracker/status.py holds the same rule, tests/test_status_and_stats.py keeps
-- them equal). Archived for another reason: still counted as of the days before its archiving, so
-- last month's figures stay reproducible; archived as a duplicate entry: never counted.
create or replace macro items_as_of(as_of) as table
select
    i.*,
    s.term,
    s.number as session_number,
    s.extraordinary,
    case
        when i.transferred_on is not null and i.transferred_on <= as_of then 'transferred'
        when i.responded_on is not null and i.responded_on <= as_of then
            case when i.responded_on <= i.due_on then 'replied_on_time' else 'replied_late' end
        when as_of > i.due_on then 'overdue'
        else 'open_not_due'
    end as status
from items as i
join sessions as s on s.id = i.session_id
where i.received_on <= as_of
    and (i.archived_at is null
        or (coalesce(i.archive_reason, 'other') <> 'duplicate_entry' and cast(i.archived_at as date) > as_of));
