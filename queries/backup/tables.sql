-- The record's tables a backup holds, by name (schema_migrations is rebuilt by a restore; sign-in
-- sessions are not part of the record: a restore must never bring a signed-in browser back).
-- Params: none.
select table_name
from duckdb_tables()
where database_name = current_database()
    and schema_name = 'main'
    and not temporary
    and table_name not in ('schema_migrations', 'web_sessions')
order by table_name;
