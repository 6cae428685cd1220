-- Schema version 1: reference data, items, their events.
-- Safe to run twice: every statement is "if not exists" / "or replace".
create table if not exists units (
    code varchar primary key,
    name_vi varchar not null,
    name_en varchar not null,
    search_key varchar not null,
    active_from date,
    active_to date,
    sort_order integer not null default 0
);

create sequence if not exists sessions_id_seq start 1;
create table if not exists sessions (
    id integer primary key default nextval('sessions_id_seq'),
    term integer not null,
    number integer not null,
    extraordinary boolean not null default false,
    opens_on date,
    closes_on date,
    note varchar not null default '',
    unique (term, number, extraordinary)
);

create table if not exists calendar_overrides (
    day date primary key,
    working boolean not null,
    note varchar not null default ''
);

create table if not exists deadline_rules (
    kind varchar not null,
    days integer not null check (days > 0 and days <= 366),
    effective_from date not null,
    basis varchar not null default '',
    primary key (kind, effective_from)
);

create table if not exists settings (
    key varchar primary key,
    value varchar not null
);

create sequence if not exists items_id_seq start 1;
create table if not exists items (
    id bigint primary key default nextval('items_id_seq'),
    kind varchar not null,
    session_id integer not null,
    phase varchar not null,
    ref_no varchar not null default '',
    received_on date not null,
    sources varchar not null default '',
    deputy varchar not null default '',
    summary varchar not null,
    full_text varchar not null default '',
    topic varchar not null default '',
    lead_unit varchar,
    coordinating_units varchar not null default '',
    due_on date not null,
    due_basis varchar not null default '',
    due_override_reason varchar not null default '',
    response_no varchar,
    responded_on date,
    signer varchar,
    response_summary varchar,
    result varchar,
    roadmap varchar,
    committed_on date,
    late_reason varchar,
    transferred_on date,
    transfer_note varchar,
    search_text varchar not null default '',
    version integer not null default 1,
    created_at timestamp not null default current_timestamp,
    created_by varchar not null default '',
    updated_at timestamp not null default current_timestamp,
    archived_at timestamp
);

create sequence if not exists item_events_id_seq start 1;
create table if not exists item_events (
    id bigint primary key default nextval('item_events_id_seq'),
    item_id bigint not null,
    occurred_at timestamp not null default current_timestamp,
    actor varchar not null,
    action varchar not null,
    changes varchar not null default '{}',
    reason varchar not null default ''
);

-- Status as of a date, derived from stored facts (tracker/status.py holds the same rule).
-- A reply or transfer dated after as_of had not happened yet; overdue from the day after due_on.
create or replace macro items_as_of(as_of) as table
select
    i.*,
    s.term,
    s.number as session_number,
    s.extraordinary,
    case
        when i.transferred_on is not null and i.transferred_on <= as_of then 'transferred'
        when i.responded_on is not null and i.responded_on <= as_of then
            case when i.responded_on <= i.due_on then 'replied_on_time' else 'replied_late' end
        when as_of > i.due_on then 'overdue'
        else 'open_not_due'
    end as status
from items as i
join sessions as s on s.id = i.session_id
where i.archived_at is null and i.received_on <= as_of;
