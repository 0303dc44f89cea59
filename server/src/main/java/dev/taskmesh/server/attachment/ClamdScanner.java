package dev.taskmesh.server.attachment;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * ClamAV's daemon over TCP with its INSTREAM command: the file goes in length-prefixed chunks, a zero-length chunk
 * ends it, and clamd answers {@code stream: OK} or {@code stream: <signature> FOUND}. Anything else (an error, a size
 * limit, a dropped connection) is an {@link IOException}: the file is not passed.
 */
public final class ClamdScanner implements AttachmentScanner {

    private static final int CHUNK = 64 * 1024;
    private static final int MAX_REPLY = 4096;

    private final String host;
    private final int port;
    private final Duration timeout;

    public ClamdScanner(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public Verdict scan(InputStream content) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            // the 'z' form: the command and the reply end with NUL
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[CHUNK];
            for (int read = content.readNBytes(buffer, 0, CHUNK);
                    read > 0;
                    read = content.readNBytes(buffer, 0, CHUNK)) {
                out.writeInt(read);
                out.write(buffer, 0, read);
            }
            out.writeInt(0);
            out.flush();
            return verdict(reply(socket.getInputStream()));
        }
    }

    /** Whether clamd answers PING: for the health check and the start-up log. */
    public boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return "PONG".equals(reply(socket.getInputStream()));
        } catch (IOException e) {
            return false;
        }
    }

    static Verdict verdict(String reply) throws IOException {
        if (reply.equals("stream: OK")) {
            return Verdict.CLEAN;
        }
        if (reply.startsWith("stream: ") && reply.endsWith(" FOUND")) {
            return Verdict.infected(reply.substring("stream: ".length(), reply.length() - " FOUND".length()));
        }
        throw new IOException("clamd did not scan the file: " + reply);
    }

    private static String reply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        for (int b = in.read(); b > 0; b = in.read()) {
            if (reply.size() == MAX_REPLY) {
                throw new IOException("clamd's reply is longer than " + MAX_REPLY + " bytes");
            }
            reply.write(b);
        }
        return reply.toString(StandardCharsets.US_ASCII).strip();
    }
}
