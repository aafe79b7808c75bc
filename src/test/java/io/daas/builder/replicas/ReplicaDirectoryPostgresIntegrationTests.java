package io.daas.builder.replicas;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The replica directory's tests again on the test PostgreSQL ({@code scripts/database.sh}), a fresh schema each. */
class ReplicaDirectoryPostgresIntegrationTests extends ReplicaDirectoryTests {

    private String schema;

    @Override
    DataSource database() {
        String url = System.getenv("DAAS_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no test PostgreSQL: run scripts/database.sh up and eval"
                    + " \"$(scripts/database.sh env)\" (scripts/test.sh does both)");
        }
        schema = "directory_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return new DriverManagerDataSource(
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                System.getenv().getOrDefault("DAAS_TEST_POSTGRES_USER", ""),
                System.getenv().getOrDefault("DAAS_TEST_POSTGRES_PASSWORD", ""));
    }

    @Override
    void dropDatabase() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(
                        System.getenv("DAAS_TEST_POSTGRES_URL"),
                        System.getenv().getOrDefault("DAAS_TEST_POSTGRES_USER", ""),
                        System.getenv().getOrDefault("DAAS_TEST_POSTGRES_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
