-- Create an item from the entry form, with how its deadline was reached as facts (due_facts, JSON); returns its id.
-- Params: kind, session_id, phase, ref_no, received_on, sources, deputy, summary, full_text, topic,
--         lead_unit, coordinating_units, due_on, due_basis, due_override_reason, search_text, created_by, due_facts,
--         created_at (tracker.clock's, not the column default: the figures read its day as the entry day).
insert into items (
    kind, session_id, phase, ref_no, received_on, sources, deputy, summary, full_text, topic,
    lead_unit, coordinating_units, due_on, due_basis, due_override_reason, search_text, created_by, due_facts,
    created_at
)
values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
returning id;
