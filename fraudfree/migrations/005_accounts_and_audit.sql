-- Schema version 5: local accounts with roles, and the audit log of who did what, when, from which file.
-- Passwords are kept only as argon2id hashes; failed sign-ins and lockouts live here so they survive restarts.
-- No primary key on users.name: with an index, DuckDB refuses a second update of the same row while an
-- older reader is still open ("write-write conflict on key"), and sign-ins update rows while pages read.
-- add_user keeps names unique inside the serialized write transaction (db.transaction) instead.
create table users (
    name varchar not null,
    role varchar not null,             -- viewer | planner | uploader | admin (fraudfree/auth.py ROLES)
    password_hash varchar not null,
    disabled boolean not null default false,
    created_at timestamp not null,
    failed_count integer not null default 0,   -- failed sign-ins since the last success or lockout
    locked_until timestamp
);

create sequence audit_ids start 1;
create table audit_log (
    id bigint primary key default nextval('audit_ids'),
    "at" timestamp not null,           -- quoted: AT is a keyword in DuckDB
    user_name varchar,                 -- account name, `cli:<os user>` for the command line, null when unknown
    action varchar not null,           -- sign_in, sign_in_failed, import, undo, export, preset_change, user_add …
    detail json,                       -- counts, ids and roles only: never personal data or passwords
    file_name varchar
);
