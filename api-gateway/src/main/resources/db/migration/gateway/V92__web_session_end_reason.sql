-- An ended session keeps its row (until the usual idle purge) with the reason it ended, so a node
-- that re-checks its open streams learns why a session ended (logout, password change, ...) even
-- when another node, or another request on this node, ended it; a session with a reason no longer
-- authenticates.
alter table web_session add column ended_reason varchar(32);
