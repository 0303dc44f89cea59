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
    private final int port;

    private OwnClamd(Process process, int port) {
        this.process = process;
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
            OwnClamd clamd = new OwnClamd(process, port);
            ChildProcess.awaitReady(process, clamd.scanner()::ping, START, "clamd", directory.resolve("clamd.out"));
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

    @Override
    public void close() {
        ChildProcess.stop(process);
    }
}
