-- Signed checkpoints of the audit chain's head (ADR 0025): row seq had hash head_hash when key key_id signed it.
create table audit_checkpoints (
    seq        bigint      primary key,
    head_hash  varchar(64) not null,
    signed_at  timestamptz not null,
    key_id     varchar(32) not null,
    signature  varchar(128) not null
);
