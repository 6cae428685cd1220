-- The latest reminder run.
-- Params: none.
select ran_at, as_of, actor, dry_run, queued, sent, failed, summary from mail_runs order by id desc limit 1;
