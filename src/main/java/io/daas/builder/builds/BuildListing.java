package io.daas.builder.builds;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The build lists of the API: a tenant's (or every) builds that pass a {@link BuildFilter}, a page at a time. */
final class BuildListing {

    private final JdbcClient jdbc;
    private final String select;
    private final RowMapper<Build> rows;

    /** {@code select}: the query of every column of {@code builds}; {@code rows} maps its rows. */
    BuildListing(JdbcClient jdbc, String select, RowMapper<Build> rows) {
        this.jdbc = jdbc;
        this.select = select;
        this.rows = rows;
    }

    /** The builds of a tenant (null: every tenant) that pass the filter, newest first. */
    List<Build> findAll(String tenant, BuildFilter filter) {
        String page = (filter.limit() == null ? "" : " LIMIT " + filter.limit())
                + (filter.offset() > 0 ? " OFFSET " + filter.offset() : "");
        return where(select, tenant, filter, " ORDER BY created_at DESC, id" + page)
                .query(rows)
                .list();
    }

    /** How many builds of a tenant (null: every tenant) pass the filter, whatever its page. */
    int count(String tenant, BuildFilter filter) {
        return where("SELECT COUNT(*) FROM builds", tenant, filter, "")
                .query(Integer.class)
                .single();
    }

    private JdbcClient.StatementSpec where(String query, String tenant, BuildFilter filter, String rest) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        condition(where, params, "tenant", tenant);
        condition(where, params, "wallet_address", filter.walletAddress());
        condition(
                where,
                params,
                "status",
                filter.status() == null ? null : filter.status().wireName());
        return jdbc.sql(query + where + rest).params(params);
    }

    /** Adds {@code column = value} to the query when the value is given. */
    private static void condition(StringBuilder where, Map<String, Object> params, String column, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
        }
    }
}
