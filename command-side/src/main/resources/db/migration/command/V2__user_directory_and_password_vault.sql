-- Set-based validation for UserAccount (unique usernames and e-mails), written in the same
-- transaction as the events. Not a read model: the command side owns it.
create table user_directory (
    user_id  uuid primary key,
    username varchar(32)  not null,
    email    varchar(254) not null,
    role     varchar(16)  not null
);
create unique index user_directory_username_key on user_directory (lower(username));
create unique index user_directory_email_key on user_directory (lower(email));

-- Password hashes (Argon2id), outside the event store: see docs/adr/0003.
create table password_vault (
    user_id    uuid primary key references user_directory (user_id) on delete cascade,
    hash       varchar(200) not null,
    changed_at timestamptz  not null
);
