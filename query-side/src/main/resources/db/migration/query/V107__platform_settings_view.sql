-- The platform's settings as admins and traders read them (GET /api/admin/platform/settings, /api/platform/markets)
-- and maintenance mode on every user's platform status (GET /api/platform/status, the SSE event 'platform'):
-- kept by PlatformStatusProjection from the PlatformSettingsEvent family.
alter table platform_status
    add column maintenance        boolean not null default false,
    add column maintenance_reason text,
    add column maintenance_since  timestamptz;

create table platform_settings_view (
    singleton            boolean primary key default true check (singleton),
    new_trader_defaults  jsonb,
    allowed_symbols      text[] not null default '{}',
    allowed_timeframes   text[] not null default '{}'
);
insert into platform_settings_view (singleton) values (true);
