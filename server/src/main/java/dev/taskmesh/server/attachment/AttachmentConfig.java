package dev.taskmesh.server.attachment;

import dev.taskmesh.server.auth.AuthProperties;
import io.jsonwebtoken.io.Decoders;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The parts of the attachment flow, chosen by configuration: where files live, which scanner, the link key. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttachmentProperties.class)
class AttachmentConfig {

    private static final Logger log = LoggerFactory.getLogger(AttachmentConfig.class);

    /** Room for the multipart framing and headers around the file itself. */
    static final long MULTIPART_OVERHEAD = DataSize.ofKilobytes(64).toBytes();

    @Bean
    AttachmentStorage attachmentStorage(AttachmentProperties properties) throws IOException {
        if (properties.storage().equals("s3")) {
            return S3FileStorage.of(properties.s3());
        }
        return new LocalFileStorage(properties.directory());
    }

    @Bean
    AttachmentScanner attachmentScanner(AttachmentProperties properties) {
        if (properties.clamdHost() == null || properties.clamdHost().isBlank()) {
            log.info("No TASKMESH_CLAMD_HOST: attachments are checked by type and for the EICAR test file only");
            return new EicarScanner();
        }
        ClamdScanner clamd =
                new ClamdScanner(properties.clamdHost(), properties.clamdPort(), properties.clamdTimeout());
        if (!clamd.ping()) {
            // not fatal: uploads wait as pending and are scanned once clamd answers
            log.warn(
                    "clamd at {}:{} does not answer yet: attachments stay pending until it does",
                    properties.clamdHost(),
                    properties.clamdPort());
        }
        return clamd;
    }

    @Bean
    ContentPolicy contentPolicy() {
        return new ContentPolicy();
    }

    /**
     * The link key is derived from the JWT signing key (an HMAC of a fixed label under it), so every node that
     * verifies tokens also verifies links, with no second secret to distribute; a different label keeps the two
     * uses apart. Rotating the JWT key ends the links in flight, which live minutes.
     */
    @Bean
    DownloadLinks downloadLinks(AuthProperties auth, AttachmentProperties properties, Clock clock) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Decoders.BASE64.decode(auth.jwtKey()), "HmacSHA256"));
            byte[] key = mac.doFinal("taskmesh attachment download links v1".getBytes(StandardCharsets.UTF_8));
            return new DownloadLinks(key, properties.linkLifetime(), clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Multipart bodies, parsed only when the upload route asks for its file (resolve-lazily), so membership and the
     * task are checked before a byte of it is read. Tomcat enforces the sizes while parsing, chunked bodies too.
     */
    @Bean
    MultipartConfigElement multipartConfig(AttachmentProperties properties) {
        long max = properties.maxSize().toBytes();
        return new MultipartConfigElement(
                "", max, max + MULTIPART_OVERHEAD, (int) DataSize.ofMegabytes(1).toBytes());
    }
}
