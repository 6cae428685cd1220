-- Items whose version disagrees with their history (every change logs the version it produced).
-- Params: none. Returns offending item ids with both numbers; empty means consistent.
select i.id, i.version, coalesce(max(e.version), 1) as logged
from items as i
left join item_events as e on e.item_id = i.id
group by i.id, i.version
having i.version <> coalesce(max(e.version), 1);
