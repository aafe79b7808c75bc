package io.daas.builder.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh schemas of the test PostgreSQL of {@code scripts/database.sh} ({@code DAAS_TEST_POSTGRES_URL},
 * {@code _USER}, {@code _PASSWORD}): one per test class or run, dropped at its end.
 */
public final class PostgresSchemas {

    private PostgresSchemas() {}

    /** Creates a new, empty schema named {@code prefix_<random>}; returns its name. */
    public static String fresh(String prefix) {
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + name);
        return name;
    }

    public static void drop(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** The JDBC URL of a schema. */
    public static String url(String schema) {
        String url = baseUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static String user() {
        return System.getenv().getOrDefault("DAAS_TEST_POSTGRES_USER", "");
    }

    public static String password() {
        return System.getenv().getOrDefault("DAAS_TEST_POSTGRES_PASSWORD", "");
    }

    /** The service's settings for a schema: DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD. */
    public static Map<String, String> settings(String schema) {
        return Map.of("DATABASE_URL", url(schema), "DATABASE_USERNAME", user(), "DATABASE_PASSWORD", password());
    }

    private static String baseUrl() {
        String url = System.getenv("DAAS_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no test PostgreSQL: run scripts/database.sh up and eval"
                    + " \"$(scripts/database.sh env)\" (scripts/test.sh does both)");
        }
        return url;
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(baseUrl(), user(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
