-- The platform's kill switch as every logged-in user reads it (GET /api/platform/status): one row, kept by
-- PlatformStatusProjection from KillSwitchEngaged / KillSwitchReleased.
create table platform_status (
    singleton   boolean primary key default true check (singleton),
    halted      boolean     not null,
    reason      text,
    flatten     boolean     not null default false,
    since       timestamptz,
    engaged_by  varchar(64)
);
insert into platform_status (singleton, halted) values (true, false);
