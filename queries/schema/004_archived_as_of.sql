-- Schema version 4: an archived item still counts in pictures "as of" a day before its archiving,
-- so last month's figures stay reproducible after someone archives an item today.
-- Safe to run twice: "create or replace".
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
where (i.archived_at is null or cast(i.archived_at as date) > as_of) and i.received_on <= as_of;
