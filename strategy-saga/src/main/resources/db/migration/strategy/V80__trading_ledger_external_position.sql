-- Positions BingX holds on a trader's account that the session did not open (issue 12): the fill
-- tracker reads them to notice when one is gone. Rebuildable from ExternalPositionDetected / Gone.
create table trading_ledger_external_position (
    session_id    uuid            not null,
    symbol        varchar(32)     not null,
    position_side varchar(8)      not null,
    quantity      numeric(38, 12) not null,
    detected_at   timestamptz     not null,
    primary key (session_id, symbol, position_side)
);
