package io.daas.builder.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The database bundle store on the embedded H2, migrated by the service's own Flyway scripts. */
class DatabaseBundlesTests {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;

    private JdbcClient jdbc;
    private DatabaseBundles bundles;

    @BeforeEach
    void migrate() {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        bundles = new DatabaseBundles(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                true,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aBundleOfSeveralChunksComesBackByteForByte() throws Exception {
        byte[] bytes = randomBytes(2 * DatabaseBundles.CHUNK_SIZE + 12345);
        BundleId id = store(bytes);

        assertThat(bundles.contains(id)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(bundles.copyTo(id, out)).isTrue();
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_bundle_chunks WHERE bundle_id = :id")
                        .param("id", id.value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void theSameBytesStoredTwiceAreOneBundle() throws Exception {
        byte[] bytes = randomBytes(1000);
        BundleId id = store(bytes);
        store(bytes);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_bundles")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT size FROM stored_bundles WHERE id = :id")
                        .param("id", id.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1000L);
    }

    @Test
    void anUnknownBundleIsNotThere() throws Exception {
        BundleId id = new BundleId("a".repeat(64));
        assertThat(bundles.contains(id)).isFalse();
        assertThat(bundles.copyTo(id, new ByteArrayOutputStream())).isFalse();
    }

    @Test
    void retentionRemovesBundlesUnusedSinceTheCutoffExceptTheOnesStillNeeded() throws Exception {
        BundleId old = store(randomBytes(2000));
        BundleId needed = store(randomBytes(3000));
        Instant later = NOW.plus(Duration.ofDays(31));

        assertThat(bundles.removeUnusedBefore(NOW, Set.of())).isZero();
        assertThat(bundles.removeUnusedBefore(later, Set.of(needed.value()))).isEqualTo(1);

        assertThat(bundles.contains(old)).isFalse();
        assertThat(bundles.contains(needed)).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stored_bundle_chunks WHERE bundle_id = :id")
                        .param("id", old.value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aLocalStoreKeepsNothingInTheDatabase() throws Exception {
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        DatabaseBundles local = new DatabaseBundles(
                JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                false,
                Clock.systemUTC());
        assertThat(local.enabled()).isFalse();
        assertThat(local.contains(new BundleId("b".repeat(64)))).isFalse();
        assertThat(local.removeUnusedBefore(Instant.now(), Set.of())).isZero();
    }

    private BundleId store(byte[] bytes) throws Exception {
        Path file = Files.write(dir.resolve(UUID.randomUUID() + ".bundle"), bytes);
        BundleId id = new BundleId(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        bundles.put(id, file);
        return id;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
