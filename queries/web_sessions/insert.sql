-- Open a session at sign-in; the browser collects its cookie later with the one-time hand-off code.
-- Params: username, handoff_hash, handoff_expires_at, created_at (= last_seen_at), lang.
insert into web_sessions (username, handoff_hash, handoff_expires_at, created_at, last_seen_at, lang)
values ($1, $2, $3, $4, $4, $5)
returning id;
