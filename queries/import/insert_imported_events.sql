-- An import's "imported" events, built from its items just inserted (issue 15): history.to_json(history.imported_changes(...)) to the character, fields neither null nor '' in IMPORTED_FIELDS' order; reason params {"file": ..., "row": n}.
-- Params: actor, the file name as a JSON string, the new items' ids (a list), their rows in the file (a list, same order).
insert into item_events (item_id, actor, action, changes, reason, version, reason_key, reason_params)
select
    i.id,
    ?,
    'imported',
    '{' || concat_ws(
        ', ',
        '"kind": [null, ' || to_json(nullif(i.kind, '')) || ']',
        '"phase": [null, ' || to_json(nullif(i.phase, '')) || ']',
        '"ref_no": [null, ' || to_json(nullif(i.ref_no, '')) || ']',
        '"received_on": [null, ' || to_json(i.received_on) || ']',
        '"lead_unit": [null, ' || to_json(nullif(i.lead_unit, '')) || ']',
        '"coordinating_units": [null, ' || to_json(nullif(i.coordinating_units, '')) || ']',
        '"due_on": [null, ' || to_json(i.due_on) || ']',
        '"response_no": [null, ' || to_json(nullif(i.response_no, '')) || ']',
        '"responded_on": [null, ' || to_json(i.responded_on) || ']',
        '"result": [null, ' || to_json(nullif(i.result, '')) || ']',
        '"transferred_on": [null, ' || to_json(i.transferred_on) || ']'
    ) || '}',
    '',
    1,
    'import.event_reason',
    '{"file": ' || ? || ', "row": ' || n.row_no || '}'
from (select unnest(?) as item_id, unnest(?) as row_no) as n
join items as i on i.id = n.item_id
order by n.item_id;
