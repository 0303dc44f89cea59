package dev.taskmesh.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every HTTP integration test: the whole server on a random port, against real PostgreSQL and Redis
 * (TestInfrastructure), in a database of the class's own. The context closes after the class, so the next class
 * starts on a fresh database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class IntegrationTest {

    /** A fresh signing key per JVM: tests never depend on the public dev key. */
    public static final String JWT_KEY = randomKey();

    @LocalServerPort
    private int port;

    protected Api api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        String databaseUrl = infra.createDatabase();
        registry.add("spring.datasource.url", () -> databaseUrl);
        registry.add("spring.datasource.username", infra::user);
        registry.add("spring.datasource.password", infra::password);
        registry.add("spring.data.redis.url", infra::redisUrl);
        registry.add("taskmesh.auth.jwt-key", () -> JWT_KEY);
        registry.add("taskmesh.attachments.directory", IntegrationTest::attachmentStore);
    }

    @BeforeEach
    void connectClient() {
        api = Api.at("http://127.0.0.1:" + port);
    }

    /** Each class's files in a directory of its own, never in the working tree. */
    private static String attachmentStore() {
        try {
            return Files.createTempDirectory("taskmesh-attachments-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
