-- Every id sequence and the last value it handed out (null when never used).
-- Params: none.
select sequence_name, last_value
from duckdb_sequences()
where database_name = current_database()
    and schema_name = 'main'
order by sequence_name;
