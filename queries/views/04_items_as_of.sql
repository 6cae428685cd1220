-- The items counted as of a date, each with its session and its derived status (a table macro).
-- Params: as_of. Re-created on every open; uses item_status and item_counted, created before it.
create or replace macro items_as_of(as_of) as table
select
    i.*,
    s.term,
    s.number as session_number,
    s.extraordinary,
    item_status(i.transferred_on, i.responded_on, i.due_on, as_of) as status
from items as i
join sessions as s on s.id = i.session_id
where item_counted(i.received_on, i.archived_at, i.archive_reason, as_of);
