-- What the fill tracker's poll has seen in earlier rounds and must still remember after a restart:
-- a held position missing at BingX (closed there when it is still missing in the next round) and a
-- BingX position the session did not open (reported when it is seen again in the next round).
-- kind MISSING: key = symbol; kind UNKNOWN: key = symbol/positionSide.
create table trading_poll_mark (
    session_id uuid        not null,
    kind       varchar(8)  not null,
    mark_key   varchar(48) not null,
    seen_at    timestamptz not null,
    primary key (session_id, kind, mark_key)
);
