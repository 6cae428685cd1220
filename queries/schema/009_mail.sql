-- Schema version 9: e-mail (issue 13): the outbox, the reminder keys that stop a second send, unit mailboxes,
-- account contacts and the reminder runs. Tables only; safe to run twice ("if not exists" throughout).
create sequence if not exists mail_outbox_id_seq start 1;
create table if not exists mail_outbox (
    id bigint primary key default nextval('mail_outbox_id_seq'),
    created_at timestamp not null default current_timestamp,
    reason varchar not null,
    recipient varchar not null,
    lang varchar not null default 'vi',
    unit varchar,
    subject varchar not null,
    body varchar not null,
    item_ids varchar not null default '[]',
    status varchar not null default 'pending',
    attempts integer not null default 0,
    next_attempt_at timestamp,
    last_error varchar,
    sent_at timestamp
);

create table if not exists mail_reminder_keys (
    item_id bigint not null,
    recipient varchar not null,
    reason varchar not null,
    day date not null,
    outbox_id bigint not null,
    primary key (item_id, recipient, reason, day)
);

create table if not exists unit_mailboxes (
    unit varchar not null,
    address varchar not null,
    primary key (unit, address)
);

create table if not exists mail_contacts (
    username varchar primary key,
    email varchar not null,
    lang varchar not null default 'vi',
    muted varchar not null default ''
);

create sequence if not exists mail_runs_id_seq start 1;
create table if not exists mail_runs (
    id bigint primary key default nextval('mail_runs_id_seq'),
    ran_at timestamp not null default current_timestamp,
    as_of date not null,
    actor varchar not null,
    dry_run boolean not null,
    queued integer not null,
    sent integer not null,
    failed integer not null,
    summary varchar not null default '[]'
);
