-- Set-based validation for UserAccount: "at least one active admin". One row per active admin,
-- written in the same transaction as the events; removing a row first locks every row of the
-- table (UserDirectory.releaseActiveAdmin), so of two concurrent removals of the last two admins
-- exactly one commits (docs/adr/0012-at-least-one-active-admin.md). Not a read model: the command
-- side owns it. Numbered after every migration that existing databases already have, so that an
-- upgrade applies it in order.
create table active_admin (
    user_id uuid primary key references user_directory (user_id) on delete cascade
);

-- Filled from the current state: user_directory knows the role; whether the account is active is
-- its latest UserDeactivated / UserReactivated / UserErased event (none: active since registration).
insert into active_admin (user_id)
select d.user_id
from user_directory d
where d.role = 'ADMIN'
  and coalesce((select e.payload_type
                 from domain_event_entry e
                 where e.aggregate_identifier = d.user_id::text
                   and e.payload_type in ('dev.trenddesk.api.user.UserEvent$UserDeactivated',
                                          'dev.trenddesk.api.user.UserEvent$UserReactivated',
                                          'dev.trenddesk.api.user.UserEvent$UserErased')
                 order by e.sequence_number desc
                 limit 1),
               'dev.trenddesk.api.user.UserEvent$UserReactivated') = 'dev.trenddesk.api.user.UserEvent$UserReactivated';
