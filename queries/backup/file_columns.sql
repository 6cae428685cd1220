-- A Parquet data file's columns and types in order, read from its footer only.
-- Params: file path.
select column_name, column_type
from (describe select * from read_parquet(?));
