package dev.trenddesk.gateway.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks the embedded server down, run as the bootstrap superuser at every start (every step is
 * idempotent, so a data directory of an earlier version, with no passwords and every object owned
 * by {@code postgres}, is upgraded in place the first time): both roles get their passwords, the
 * application role is a plain login role that owns schema {@code public} and every object in it,
 * and nobody else may create objects there. The role cannot read server files, load extensions or
 * create roles or databases.
 */
final class DatabaseLockdown {

    static final String SCHEMA = "public";

    private static final Logger log = LoggerFactory.getLogger(DatabaseLockdown.class);

    /**
     * Hands every relation, function and type of the schema to the role. {@code REASSIGN OWNED BY
     * postgres} is refused for the bootstrap superuser, hence the loop over the catalog. Sequences
     * owned by a table column follow their table.
     */
    private static final String HAND_OVER_OBJECTS = """
            do $$
            declare
                r record;
            begin
                for r in
                    select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = '%1$s' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                      and c.relowner <> '%2$s'::regrole
                      and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass
                               and d.objid = c.oid and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')))
                loop
                    execute format('alter %%s %%I.%%I owner to %%I', case r.relkind when 'v' then 'view'
                        when 'm' then 'materialized view' when 'S' then 'sequence' when 'f' then 'foreign table'
                        else 'table' end, '%1$s', r.relname, '%2$s');
                end loop;
                for r in
                    select p.oid::regprocedure as signature, p.prokind from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                    where n.nspname = '%1$s' and p.proowner <> '%2$s'::regrole
                loop
                    execute format('alter %%s %%s owner to %%I', case r.prokind when 'p' then 'procedure'
                        when 'a' then 'aggregate' else 'function' end, r.signature, '%2$s');
                end loop;
                for r in
                    select t.oid::regtype as name, t.typtype from pg_type t join pg_namespace n on n.oid = t.typnamespace
                    where n.nspname = '%1$s' and t.typowner <> '%2$s'::regrole and t.typtype in ('e', 'd', 'r', 'c')
                      and (t.typtype <> 'c' or (select relkind from pg_class where oid = t.typrelid) = 'c')
                loop
                    execute format('alter %%s %%s owner to %%I', case r.typtype when 'd' then 'domain' else 'type' end,
                        r.name, '%2$s');
                end loop;
            end
            $$
            """;

    private DatabaseLockdown() {}

    /** {@code superuser} is a connection as {@code postgres} to the application's database. */
    static void apply(Connection superuser, EmbeddedPasswords passwords) throws SQLException {
        String role = passwords.appRole();
        requireSimpleName(role);
        try (Statement statement = superuser.createStatement()) {
            boolean created = !exists(statement, "select 1 from pg_roles where rolname = '" + role + "'");
            if (created) {
                log.info("Creating the embedded PostgreSQL's application role {}", role);
                statement.execute("create role " + role);
            }
            statement.execute("alter role " + role
                    + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls inherit");
            PGConnection pg = superuser.unwrap(PGConnection.class);
            // hashed here (SCRAM), so no password travels in a statement that a log could keep
            pg.alterUserPassword(
                    EmbeddedPasswords.SUPERUSER, passwords.superuserPassword().toCharArray(), "scram-sha-256");
            pg.alterUserPassword(role, passwords.appPassword().toCharArray(), "scram-sha-256");
            statement.execute("alter schema " + SCHEMA + " owner to " + role);
            statement.execute("revoke create on schema " + SCHEMA + " from public");
            statement.execute(HAND_OVER_OBJECTS.formatted(SCHEMA, role));
        }
    }

    /** Makes the server read a rewritten pg_hba.conf. */
    static void reloadConfiguration(Connection superuser) throws SQLException {
        try (Statement statement = superuser.createStatement()) {
            statement.execute("select pg_reload_conf()");
        }
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (var rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }

    private static void requireSimpleName(String role) {
        if (!role.matches("[a-z_][a-z0-9_]{0,62}") || role.equals(EmbeddedPasswords.SUPERUSER)) {
            throw new IllegalArgumentException(
                    "the application role must be a plain lower-case name other than postgres: " + role);
        }
    }
}
