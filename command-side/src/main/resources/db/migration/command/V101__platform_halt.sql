-- Set-based validation for the platform's kill switch (PlatformHalt): one row, written in the same transaction as
-- the switch's events. A bot's start or resume reads it FOR SHARE in its own transaction, so an engage waits for
-- starts in flight to commit (the kill switch's enforcer then sees them) and a start after the engage sees it.
-- Not a read model: the command side owns it.
create table platform_halt (
    singleton  boolean primary key default true check (singleton),
    engaged    boolean     not null,
    reason     text,
    since      timestamptz
);
insert into platform_halt (singleton, engaged) values (true, false);
