package io.daas.builder.bundle;

import io.daas.builder.security.Caller;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which tenants may build an uploaded bundle. Uploads are content-addressed, so the same bytes sent
 * by two tenants are one bundle with two owners; a tenant that never uploaded a digest is told it
 * does not exist. Walrus blob ids are public by nature and need no owner.
 */
@Repository
public class BundleOwners {

    private final JdbcClient jdbc;

    BundleOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that the tenant uploaded (and so knows the bytes of) the bundle. */
    public void add(BundleId id, String tenant) {
        if (owns(id, tenant)) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO bundle_owners (bundle_id, tenant, added_at) VALUES (:id, :tenant, :at)")
                    .param("id", id.value())
                    .param("tenant", tenant)
                    .param("at", Timestamp.from(Instant.now()))
                    .update();
        } catch (DuplicateKeyException e) {
            // the same tenant uploaded the same bytes at the same time: one row is enough
        }
    }

    /** Whether the tenant uploaded the bundle. */
    public boolean owns(BundleId id, String tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM bundle_owners WHERE bundle_id = :id AND tenant = :tenant")
                        .param("id", id.value())
                        .param("tenant", tenant)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /**
     * Whether the caller may use the bundle: an admin any, a tenant the digests it uploaded and
     * any Walrus blob id.
     */
    public boolean mayUse(BundleId id, Caller caller) {
        return caller.isAdmin() || !id.isLocalDigest() || owns(id, caller.tenant());
    }
}
