-- The newest migration applied to this file (recorded in a backup's manifest).
-- Params: none.
select coalesce(max(version), 0) from schema_migrations;
