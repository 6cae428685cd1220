-- Record one reminder run.
-- Params: as_of, actor, dry_run, queued, sent, failed, summary (JSON).
insert into mail_runs (as_of, actor, dry_run, queued, sent, failed, summary) values (?, ?, ?, ?, ?, ?, ?);
