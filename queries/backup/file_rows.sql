-- How many rows a Parquet data file holds (recorded per table in a backup's manifest).
-- Params: file path.
select count(*) from read_parquet(?);
