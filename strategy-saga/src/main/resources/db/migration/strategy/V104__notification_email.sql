-- E-mail notifications (issue 17, docs/notifications.md): the EMAIL channel has no target of its own (the
-- account's address, read when a message is sent) and no secret, so these may be null for it.
alter table notification_channels alter column target drop not null;
alter table notification_channels alter column secret_ciphertext drop not null;
alter table notification_channels alter column secret_mask drop not null;
