-- The record's tables a backup holds, by name (schema_migrations is rebuilt by a restore).
-- Params: none.
select table_name
from duckdb_tables()
where database_name = current_database()
    and schema_name = 'main'
    and not temporary
    and table_name <> 'schema_migrations'
order by table_name;
