-- The database's own tables, for reading every block of them (`check`).
-- Params: none.
select table_name from duckdb_tables() where not internal and database_name = current_database() order by table_name;
