-- Reserve ids for the benchmark's bulk build from the items' own sequence, so events can name their items.
-- Params: how many.
select nextval('items_id_seq') as id from range(?);
