-- The "security-alerts" processor (saga role, strategy.security.SecurityAlerts): what it needs to
-- tell a user about suspicious activity, written in the same transaction as its token and the
-- AlertRaised events it publishes. A new (or reset) processor replays the event store from its first
-- event: the replay fills the seen logins and usernames, and raises no alert. An erased user's rows
-- are deleted.

-- every (IP, browser family) a user has signed in from; a login whose IP or family is not here is new
create table security_known_logins (
    user_id       uuid        not null,
    client_ip     varchar(64) not null,
    browser       varchar(64) not null,
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null,
    primary key (user_id, client_ip, browser)
);

-- rate limits: 'admin-view:<adminId>' (one alert per admin and user an hour) and 'login-failures'
-- (one alert per burst of failed logins; at = the burst's latest failure)
create table security_alert_marks (
    user_id uuid         not null,
    mark    varchar(100) not null,
    at      timestamptz  not null,
    primary key (user_id, mark)
);

-- usernames, to name the admin who looked at a user's data
create table security_alert_people (
    user_id  uuid        primary key,
    username varchar(64) not null
);

-- every alert id published: a redelivered event never publishes a second AlertRaised
create table security_alerts_raised (
    alert_id  varchar(160) primary key,
    user_id   uuid         not null,
    raised_at timestamptz  not null
);

