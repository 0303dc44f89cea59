package dev.taskmesh.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskmesh.server.attachment.AttachmentProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible server of the test's own (s3rver, from npm), on a free port, with one empty bucket. No S3 service
 * is reachable from here, and a test must not depend on one anyway. s3rver is installed on first use with npm ci
 * from the lock file in server/src/test/s3rver into ~/.cache/taskmesh; without npm the test is skipped, unless
 * TASKMESH_REQUIRE_S3RVER is set (CI), which makes the absence a failure.
 */
public final class OwnS3 implements AutoCloseable {

    public static final String BUCKET = "taskmesh-test";
    /** s3rver's fixed credentials */
    public static final String KEY = "S3RVER";

    private static final Path LOCK_DIRECTORY = Path.of("src", "test", "s3rver");
    private static final Path INSTALL = Path.of(System.getProperty("user.home"), ".cache", "taskmesh", "s3rver-3.7.1");
    private static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final int port;

    private OwnS3(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static OwnS3 start() {
        Path server = INSTALL.resolve("node_modules/s3rver/bin/s3rver.js");
        try {
            if (!Files.exists(server)) {
                install();
            }
            Path directory = Files.createTempDirectory("s3rver");
            int port = TestInfrastructure.freePort();
            Process process = new ProcessBuilder(
                            "node",
                            server.toString(),
                            "--directory",
                            directory.resolve("data").toString(),
                            "--address",
                            "127.0.0.1",
                            "--port",
                            Integer.toString(port),
                            "--configure-bucket",
                            BUCKET)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("s3rver.out").toFile())
                    .start();
            OwnS3 s3 = new OwnS3(process, port);
            ChildProcess.awaitReady(process, s3::listening, START, "s3rver", directory.resolve("s3rver.out"));
            return s3;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings that point the S3 store at this server. */
    public AttachmentProperties.S3 settings() {
        return new AttachmentProperties.S3(BUCKET, "us-east-1", endpoint(), true, KEY, KEY);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private static void install() throws IOException {
        boolean npm;
        try {
            npm = new ProcessBuilder("npm", "--version").start().onExit().join().exitValue() == 0;
        } catch (IOException notOnThePath) {
            npm = false;
        }
        if (!npm && System.getenv("TASKMESH_REQUIRE_S3RVER") != null) {
            throw new IllegalStateException("npm is required (TASKMESH_REQUIRE_S3RVER) to install s3rver");
        }
        assumeTrue(npm, "npm is not installed: the S3 store's tests need it to install s3rver");
        Files.createDirectories(INSTALL);
        for (String file : new String[] {"package.json", "package-lock.json"}) {
            Files.copy(LOCK_DIRECTORY.resolve(file), INSTALL.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Process ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(INSTALL.toFile())
                .redirectErrorStream(true)
                .redirectOutput(INSTALL.resolve("npm-ci.log").toFile())
                .start();
        try {
            if (!ci.waitFor(5, TimeUnit.MINUTES) || ci.exitValue() != 0) {
                ci.destroyForcibly();
                throw new IllegalStateException("npm ci of s3rver failed; see " + INSTALL.resolve("npm-ci.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Whether s3rver accepts connections yet. */
    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        ChildProcess.stop(process);
    }
}
