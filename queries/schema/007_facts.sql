-- Schema version 7 (issue 10): facts instead of sentences, rendered in the reader's language.
-- due_facts: how the deadline was reached (tracker/due_facts.py, JSON text); null in older rows, whose due_basis keeps the sentence.
alter table items add column if not exists due_facts varchar;
-- reason_key/reason_params: a machine-written reason as a catalog key and its values (JSON text); null for typed reasons and older rows.
alter table item_events add column if not exists reason_key varchar;
alter table item_events add column if not exists reason_params varchar;
alter table admin_events add column if not exists reason_key varchar;
alter table admin_events add column if not exists reason_params varchar;
