-- A new key for a user whose key is verified is staged here while BingX is asked: the verified key
-- (api_key_ciphertext, ...) stays the one the CredentialsProvider hands to trading until the staged
-- key is verified, when it replaces it; a refused staged key is simply dropped. Versioned above the
-- existing migrations so that databases already at V41+ take it (credentials range is 10-19).
alter table credentials_secrets
    add column staged_attempt_id            varchar(64),
    add column staged_masked_api_key        varchar(8),
    add column staged_api_key_ciphertext    text,
    add column staged_secret_key_ciphertext text,
    add column staged_at                    timestamptz,
    add column read_only                    boolean not null default false;
