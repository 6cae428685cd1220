-- Schema version 5: server-side sign-in sessions, so a page reload keeps the person signed in.
-- Only SHA-256 hashes of the cookie token and of the one-time hand-off code are stored. Safe to run twice.
create sequence if not exists web_sessions_id_seq start 1;
create table if not exists web_sessions (
    id bigint primary key default nextval('web_sessions_id_seq'),
    username varchar not null,
    token_hash varchar,
    handoff_hash varchar,
    handoff_expires_at timestamp,
    created_at timestamp not null,
    last_seen_at timestamp not null,
    revoked_at timestamp,
    revoked_why varchar,
    lang varchar
);
