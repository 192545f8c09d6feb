-- Trades imported from the single-user bot (import-legacy, ADR 0030): marked imported, with the SHA-256 of the
-- source file and the row they came from. They belong to no bot session.
alter table trades_view add column imported boolean not null default false;
alter table trades_view add column source_sha256 varchar(64);
alter table trades_view add column source_row int;
alter table trades_view alter column session_id drop not null;
