package io.daas.builder.replicas;

import io.daas.builder.config.BuilderProperties;
import io.daas.builder.config.InvalidSettingException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What {@code BUILD_QUEUE=shared} needs, checked at start-up: one line on what to set when it is missing. */
final class SharedQueueRequirements {

    private SharedQueueRequirements() {}

    static void check(DataSource dataSource, BuilderProperties properties) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
        if (!product.toLowerCase(java.util.Locale.ROOT).contains("postgresql")) {
            throw new InvalidSettingException(
                    "BUILD_QUEUE",
                    "shared needs a database every replica reaches, and DATABASE_URL is " + product,
                    "set DATABASE_URL to a PostgreSQL database (jdbc:postgresql://...), or BUILD_QUEUE=local for"
                            + " one service",
                    null);
        }
        if (!properties.replica().bundlesInDatabase() && !properties.walrus().uploadsToWalrus()) {
            throw new InvalidSettingException(
                    "BUILD_QUEUE",
                    "shared needs bundles every replica can read, and BUNDLE_STORE is local",
                    "set BUNDLE_STORE=database (or WALRUS_UPLOAD=true, so every bundle has a Walrus blob id)",
                    null);
        }
    }
}
