-- A table's columns and types in order (a restore checks each data file against them).
-- Params: table name.
select column_name, data_type
from duckdb_columns()
where database_name = current_database()
    and schema_name = 'main'
    and table_name = ?
order by column_index;
