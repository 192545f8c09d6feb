package dev.trenddesk.query.readside;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many rows in one {@code insert ... values (...), (...), ...} statement: one round trip and one
 * statement for a whole batch of a projection instead of one per event (docs/adr/0021). Rows are
 * inserted in the order given; more rows than fit in one statement's parameters (PostgreSQL allows
 * 65,535) are split into as few statements as needed.
 */
public final class BatchInsert {

    /** Bind parameters per statement, kept well below PostgreSQL's 65,535. */
    static final int MAX_PARAMETERS = 30_000;

    private BatchInsert() {}

    /**
     * Inserts {@code rows} (each with exactly {@code columns} values, in the order of the column list in
     * {@code head}) with {@code head} ("insert into t (a, b)") and {@code tail} (e.g. "on conflict do
     * nothing", or empty). Returns the number of rows the database reports inserted.
     */
    public static int insert(JdbcTemplate jdbc, String head, int columns, String tail, List<Object[]> rows) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1");
        }
        int perStatement = Math.max(1, MAX_PARAMETERS / columns);
        int inserted = 0;
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            inserted += jdbc.update(sql(head, columns, tail, chunk.size()), flatten(columns, chunk));
        }
        return inserted;
    }

    static String sql(String head, int columns, String tail, int rows) {
        String tuple = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(head.length() + tail.length() + rows * (tuple.length() + 2) + 16);
        sql.append(head).append(" values ");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(tuple);
        }
        if (!tail.isEmpty()) {
            sql.append(' ').append(tail);
        }
        return sql.toString();
    }

    private static Object[] flatten(int columns, List<Object[]> rows) {
        List<Object> all = new ArrayList<>(rows.size() * columns);
        for (Object[] row : rows) {
            if (row.length != columns) {
                throw new IllegalArgumentException("a row has " + row.length + " values, not " + columns);
            }
            all.addAll(java.util.Arrays.asList(row));
        }
        return all.toArray();
    }
}
