-- The counting block, an aggregate: the four buckets and the result categories (tracker.stats.Counts).
-- Params: status (as item_status gives it), result. Use `unnest(status_counts(status, result))` with a group by.
-- Total leaves transferred items out, so total = replied + open not due + overdue; transferred apart.
create or replace macro status_counts(status, result) as struct_pack(
    total := count(*) filter (where status <> 'transferred'),
    replied := count(*) filter (where status in ('replied_on_time', 'replied_late')),
    replied_on_time := count(*) filter (where status = 'replied_on_time'),
    replied_late := count(*) filter (where status = 'replied_late'),
    open_not_due := count(*) filter (where status = 'open_not_due'),
    overdue := count(*) filter (where status = 'overdue'),
    transferred := count(*) filter (where status = 'transferred'),
    resolved := count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'resolved'),
    being_resolved := count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'being_resolved'),
    explained := count(*) filter (where status in ('replied_on_time', 'replied_late') and result = 'explained')
);
