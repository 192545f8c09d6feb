-- Set-based validation for TradingSession: at most one active (running or paused) session per user,
-- written in the same transaction as the session's events, so of two concurrent starts exactly one
-- commits. Not a read model: the command side owns it (and the credentials guard reads it).
create table trading_active_session (
    user_id    uuid primary key,
    session_id uuid        not null unique,
    started_at timestamptz not null
);
