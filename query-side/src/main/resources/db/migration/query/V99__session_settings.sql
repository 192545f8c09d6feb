-- The settings each bot run traded with (JSON of core-api's TradingSettings, the latest of the run) and how
-- often they were changed while it ran. Runs stored before this have none until the read models are rebuilt.
alter table sessions_view add column settings text;
alter table sessions_view add column settings_changes int not null default 0;
