-- Create an item the way rows were stored before issue 10 (a due_basis sentence, no due_facts); returns its id. The product uses insert_entered.
-- Params: kind, session_id, phase, ref_no, received_on, sources, deputy, summary, full_text, topic,
--         lead_unit, coordinating_units, due_on, due_basis, due_override_reason, search_text, created_by.
insert into items (
    kind, session_id, phase, ref_no, received_on, sources, deputy, summary, full_text, topic,
    lead_unit, coordinating_units, due_on, due_basis, due_override_reason, search_text, created_by
)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
returning id;
