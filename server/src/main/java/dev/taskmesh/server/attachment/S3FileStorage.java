package dev.taskmesh.server.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Attachments as objects of one bucket of an S3-compatible store (AWS S3, MinIO, Ceph...), for clusters whose nodes
 * share no disk. S3 wants an object's length before its bytes, so an upload is first written to a temporary file
 * (counted and hashed on the way, and refused past the limit), then put whole: an object appears only when complete.
 * Keys are the same plain ids as {@link LocalFileStorage}'s.
 */
public final class S3FileStorage implements AttachmentStorage {

    private final S3Client s3;
    private final String bucket;

    S3FileStorage(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** A client for the configured bucket: the endpoint and keys when given, else the AWS SDK's defaults. */
    public static S3FileStorage of(AttachmentProperties.S3 settings) {
        if (settings == null || settings.bucket() == null || settings.bucket().isBlank()) {
            throw new IllegalStateException("TASKMESH_ATTACHMENT_STORAGE is s3 but TASKMESH_S3_BUCKET is not set");
        }
        // the plainest form of the protocol, which every S3-compatible store speaks: a whole signed body, no
        // aws-chunked encoding and no trailing checksums (a store that does not decode those keeps the chunk
        // headers inside the object: seen with s3rver)
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.region() != null && !settings.region().isBlank()) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        builder.forcePathStyle(Boolean.TRUE.equals(settings.pathStyle()));
        if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return new S3FileStorage(builder.build(), settings.bucket());
    }

    @Override
    public Stored put(String key, InputStream content, long maxBytes) throws IOException {
        StoredFiles.requireKey(key);
        Path spool = Files.createTempFile("taskmesh-upload-", ".part");
        try {
            Stored stored = StoredFiles.write(content, spool, maxBytes);
            s3.putObject(put -> put.bucket(bucket).key(key).contentLength(stored.size()), RequestBody.fromFile(spool));
            return stored;
        } catch (SdkException e) {
            throw new IOException("the S3 store refused the file: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        StoredFiles.requireKey(key);
        try {
            return s3.getObject(get -> get.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("the S3 store did not serve the file: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        if (!StoredFiles.isKey(key)) {
            return; // names nothing here
        }
        try {
            s3.deleteObject(delete -> delete.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            // already gone: deleting is idempotent
        } catch (SdkException e) {
            throw new IOException("the S3 store did not delete the file: " + e.getMessage(), e);
        }
    }
}
