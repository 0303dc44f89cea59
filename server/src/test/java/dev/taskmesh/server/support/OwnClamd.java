package dev.taskmesh.server.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.taskmesh.server.attachment.ClamdScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ClamAV daemon of the test's own, on a free port, with a signature database of one signature that sigtool builds
 * from the EICAR test file: ClamAV's own signature download cannot reach its mirrors from here, and a test must not
 * depend on them anyway. Needs Debian's clamav-daemon (.ci/run installs it); where it is missing the test is skipped,
 * unless TASKMESH_REQUIRE_CLAMD is set (CI), which makes the absence a failure.
 */
public final class OwnClamd implements AutoCloseable {

    public static final String SIGNATURE = "Eicar-Test-Signature";
    /** what clamd reports: it marks signatures of databases it did not get from ClamAV as unofficial */
    public static final String FINDING = SIGNATURE + ".UNOFFICIAL";

    private static final Path CLAMD = Path.of("/usr/sbin/clamd");
    private static final Path SIGTOOL = Path.of("/usr/bin/sigtool");
    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final Path directory;
    private final int port;

    private OwnClamd(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    public static OwnClamd start(byte[] eicar) {
        boolean installed = Files.isExecutable(CLAMD) && Files.isExecutable(SIGTOOL);
        if (!installed && System.getenv("TASKMESH_REQUIRE_CLAMD") != null) {
            throw new IllegalStateException("clamd and sigtool are required (TASKMESH_REQUIRE_CLAMD) but not installed:"
                    + " apt-get install clamav-daemon");
        }
        assumeTrue(installed, "clamd is not installed (apt-get install clamav-daemon)");
        try {
            Path directory = Files.createTempDirectory("clamd");
            Path database = Files.createDirectories(directory.resolve("db"));
            // sigtool turns the file into a body signature: found anywhere in a file, not only as the whole file
            Process hex = new ProcessBuilder(SIGTOOL.toString(), "--hex-dump").start();
            hex.getOutputStream().write(eicar);
            hex.getOutputStream().close();
            String body = new String(hex.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!hex.waitFor(30, TimeUnit.SECONDS) || hex.exitValue() != 0 || body.isEmpty()) {
                throw new IllegalStateException("sigtool --hex-dump failed");
            }
            Files.writeString(database.resolve("eicar.ndb"), SIGNATURE + ":0:*:" + body + "\n");
            int port = TestInfrastructure.freePort();
            Path config = directory.resolve("clamd.conf");
            Files.write(
                    config,
                    List.of(
                            "Foreground yes",
                            "TCPSocket " + port,
                            "TCPAddr 127.0.0.1",
                            "DatabaseDirectory " + database,
                            "LogFile " + directory.resolve("clamd.log"),
                            "TemporaryDirectory " + directory,
                            "StreamMaxLength 30M"));
            Process process = new ProcessBuilder(CLAMD.toString(), "--config-file=" + config)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("clamd.out").toFile())
                    .start();
            OwnClamd clamd = new OwnClamd(process, directory, port);
            clamd.awaitReady();
            return clamd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public ClamdScanner scanner() {
        return new ClamdScanner("127.0.0.1", port, Duration.ofSeconds(10));
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!scanner().ping()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("clamd did not start; see " + directory.resolve("clamd.out"));
            }
            try {
                Thread.sleep(100); // clamd loads its database, then listens: polled, with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
