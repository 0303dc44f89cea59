package dev.taskmesh.server.attachment;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code taskmesh.attachments.*} (docs/operations.md#configuration).
 *
 * @param maxSize the largest file accepted ({@code TASKMESH_ATTACHMENT_MAX_SIZE}, 25 MB)
 * @param linkLifetime how long a download link works ({@code TASKMESH_ATTACHMENT_LINK_LIFETIME}, 5 minutes)
 * @param storage {@code local} (the default) or {@code s3}
 * @param directory the local store's root ({@code TASKMESH_ATTACHMENT_DIR}); shared by every node of a cluster
 * @param clamdHost ClamAV's daemon ({@code TASKMESH_CLAMD_HOST}); unset, the built-in EICAR check is the only scan
 * @param s3 the S3-compatible store, when {@code storage} is {@code s3}
 */
@ConfigurationProperties("taskmesh.attachments")
public record AttachmentProperties(
        DataSize maxSize,
        Duration linkLifetime,
        String storage,
        Path directory,
        String clamdHost,
        Integer clamdPort,
        Duration clamdTimeout,
        S3 s3) {

    public AttachmentProperties {
        maxSize = maxSize == null ? DataSize.ofMegabytes(25) : maxSize;
        linkLifetime = linkLifetime == null ? Duration.ofMinutes(5) : linkLifetime;
        storage = storage == null || storage.isBlank() ? "local" : storage.strip();
        directory = directory == null ? Path.of(".taskmesh", "attachments") : directory;
        clamdPort = clamdPort == null ? 3310 : clamdPort;
        clamdTimeout = clamdTimeout == null ? Duration.ofSeconds(30) : clamdTimeout;
        if (maxSize.toBytes() < 1) {
            throw new IllegalStateException("TASKMESH_ATTACHMENT_MAX_SIZE must be at least 1 byte");
        }
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalStateException("TASKMESH_ATTACHMENT_LINK_LIFETIME must be positive");
        }
        if (!storage.equals("local") && !storage.equals("s3")) {
            throw new IllegalStateException(
                    "TASKMESH_ATTACHMENT_STORAGE is '" + storage + "': it must be 'local' or 's3'");
        }
    }

    /**
     * An S3-compatible bucket. Credentials come from the AWS SDK's usual chain (environment, profile, instance
     * role) unless given here.
     *
     * @param endpoint set for a store other than AWS (MinIO, Ceph, a cloud's S3 API); unset for AWS itself
     * @param pathStyle {@code bucket} in the path, not the host name: what most S3-compatible stores want
     */
    public record S3(
            String bucket, String region, String endpoint, Boolean pathStyle, String accessKey, String secretKey) {

        @Override
        public String toString() {
            // records print every component; this one may hold a secret
            return "S3[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + "]";
        }
    }
}
