package dev.taskmesh.server.support;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server in the test's JVM (GreenMail) on a free port, and the links people find in what it received. */
public final class Mailbox {

    private static final Pattern TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]+)");

    private final GreenMail server;
    private final int port;

    private Mailbox(int port) {
        this.port = port;
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        // GreenMail's two seconds are short on a machine whose two cores a build keeps busy
        setup.setServerStartupTimeout(Duration.ofSeconds(10).toMillis());
        this.server = new GreenMail(setup);
        server.start();
    }

    public static Mailbox start() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Mailbox(port);
    }

    /** Points the server's mail at this mailbox. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
        registry.add("spring.mail.properties.mail.smtp.starttls.enable", () -> "false");
    }

    public void stop() {
        server.stop();
    }

    /** Every message sent to {@code address} whose subject contains {@code subject}. */
    public List<MimeMessage> to(String address, String subject) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> recipient(message).equalsIgnoreCase(address))
                .filter(message -> subject(message).contains(subject))
                .toList();
    }

    /** Waits for the {@code nth} (from 1) message to {@code address} about {@code subject}; answers its link's token. */
    public String awaitToken(String address, String subject, int nth) {
        await().atMost(Duration.ofSeconds(20)).until(() -> to(address, subject).size() >= nth);
        String body = text(to(address, subject).get(nth - 1));
        Matcher token = TOKEN.matcher(body);
        if (!token.find()) {
            throw new AssertionError("no link with a token in: " + body);
        }
        return token.group(1);
    }

    /** The decoded text, as a mail program shows it. */
    public static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
