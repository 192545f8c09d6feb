-- Balance readings of accounts whose user runs no bot (issue 12: the account card stays true when the
-- bot is stopped). One row per user with a verified key, created on the first claim. The idle poll
-- claims due rows with FOR UPDATE SKIP LOCKED while moving next_check_at forward in the same
-- statement, so of several nodes exactly one reads a given user's balance per interval; the
-- dashboard's on-demand refresh claims a single row the same way. equity / available_balance /
-- observed_at are the last reading recorded as AccountBalanceObserved (so an unchanged balance sends
-- no command). Not a read model: operational state of the saga role, safe to delete (it refills).
create table idle_balance_checks (
    user_id           uuid primary key,
    next_check_at     timestamptz not null,
    checked_at        timestamptz,
    equity            numeric,
    available_balance numeric,
    observed_at       timestamptz
);
create index idle_balance_checks_due on idle_balance_checks (next_check_at);
