-- The SMTP server an admin set on the platform's settings (MailServerChanged, kept by the notifications processor),
-- which replaces the operator's trenddesk.notifications.smtp.* properties while set. One row; host null: none set.
-- The password only as key-vault ciphertext (the platform's own data key), never in plain text.
create table notification_mail_server (
    singleton           boolean primary key default true check (singleton),
    host                text,
    port                integer,
    username            text,
    sender              text,
    starttls            boolean not null default true,
    password_ciphertext text,
    updated_at          timestamptz
);
insert into notification_mail_server (singleton) values (true);
