-- The key vault (ADR 0006): one AES-256-GCM data key per user, stored as a Tink keyset encrypted
-- ("wrapped") by the master key from TRENDDESK_MASTER_KEY. Deliberately outside the event store:
-- deleting a row makes every ciphertext of that user in old events unreadable (crypto-shredding).
create table vault_data_keys (
    user_id       uuid primary key,
    master_key_id varchar(32) not null,
    wrapped_key   bytea       not null,
    created_at    timestamptz not null,
    rewrapped_at  timestamptz
);
create index vault_data_keys_master_key on vault_data_keys (master_key_id);

-- Users whose data key was destroyed: no new data key is ever created for them.
create table vault_shredded_users (
    user_id     uuid primary key,
    shredded_at timestamptz not null
);
