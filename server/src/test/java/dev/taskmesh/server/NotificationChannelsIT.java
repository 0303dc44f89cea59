package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.taskmesh.server.notification.delivery.DeadLetters;
import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email and webhooks against real receivers: an SMTP server in-process (GreenMail) and an HTTP server, both on free
 * ports. Failures are retried with backoff; the last failure goes to the dead-letter store, and an operator's retry
 * delivers with the same delivery id.
 */
class NotificationChannelsIT extends IntegrationTest {

    private static final int SMTP_PORT = freePort();
    private static GreenMail smtp = startSmtp();
    private static final Receiver WEBHOOK = Receiver.start();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MeterRegistry meters;

    Board board;
    User member;
    long lastPosition;

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("taskmesh.notifications.email-enabled", () -> "true");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("spring.mail.properties.mail.smtp.starttls.enable", () -> "false");
        registry.add("taskmesh.notifications.first-retry", () -> "300ms");
        registry.add("taskmesh.notifications.max-retry-delay", () -> "1s");
        registry.add("taskmesh.notifications.max-attempts", () -> "4");
        registry.add("taskmesh.notifications.webhook-allow-private-targets", () -> "true");
    }

    @AfterAll
    static void stopReceivers() {
        smtp.stop();
        WEBHOOK.server.stop(0);
    }

    @BeforeEach
    void board() {
        board = Board.create(api, jdbc, "Channels");
        member = api.registerAndLogin(Board.unique("mailed"));
        track(expect(api.addMember(board.owner(), board.workspace(), member, "member"), 201));
    }

    @Test
    void anAssignmentIsEmailedWithAStableDeliveryId() throws Exception {
        assign(createTask("Mail me"));

        MimeMessage mail = awaitMail(member, "assigned you “Mail me”");
        assertThat(mail.getHeader("X-TaskMesh-Delivery-Id")).hasSize(1);
        assertThat(mail.getFrom()[0].toString()).contains("notifications@localhost");
    }

    @Test
    void aKindTurnedOffSendsNoEmail() throws Exception {
        assignmentsBy(/* email */ false, /* webhook */ false);
        assign(createTask("Quietly"));
        // a mention still mails: once it arrived, the assignment before it would have too
        String task = createTask("Loudly");
        track(expect(
                api.post(
                        "/api/workspaces/" + board.workspace() + "/tasks/" + task + "/comments",
                        board.owner().accessToken(),
                        Map.of("body", "@" + member.handle() + " look")),
                201));

        awaitMail(member, "mentioned you on “Loudly”");
        assertThat(mailsTo(member, "Quietly")).isEmpty();
    }

    @Test
    void anSmtpOutageIsRetriedUntilTheMailGoesThrough() throws Exception {
        smtp.stop();
        double retriedBefore = count("taskmesh.notifications.retried");
        try {
            assign(createTask("Despite the outage"));
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> count("taskmesh.notifications.retried") > retriedBefore);
        } finally {
            smtp = startSmtp();
        }
        awaitMail(member, "assigned you “Despite the outage”");
        assertThat(deadLetters.list(100))
                .noneMatch(letter -> letter.userId().toString().equals(member.id()));
    }

    @Test
    void aFailingWebhookIsDeadLetteredAndAnOperatorRetryDeliversItSigned() throws Exception {
        Api.Response created =
                expect(api.send("PUT", "/api/me/webhook", member.accessToken(), Map.of("url", WEBHOOK.url())), 201);
        String secret = created.text("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(expect(api.get("/api/me/webhook", member.accessToken()), 200)
                        .body()
                        .path("secret")
                        .isNull())
                .isTrue();
        assignmentsBy(/* email */ false, /* webhook */ true);
        WEBHOOK.status.set(500);
        String requestId = assign(createTask("Hooked")).header("X-Request-Id");

        DeadLetters.DeadLetter letter = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> deadLetters.list(100).stream()
                                .filter(dead -> dead.userId().toString().equals(member.id()))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(letter.channel()).isEqualTo("webhook");
        assertThat(letter.attempts()).isEqualTo(4);
        assertThat(letter.lastError()).contains("HTTP 500");
        List<Received> failed = WEBHOOK.from(letter.deliveryId().toString());
        assertThat(failed).hasSize(4);

        WEBHOOK.status.set(204);
        assertThat(deadLetters.retry(letter.deliveryId())).isTrue();
        Received delivered = Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> WEBHOOK.from(letter.deliveryId().toString()), all -> all.size() == 5)
                .getLast();
        assertThat(delivered.body()).contains("\"kind\":\"assigned\"", "Hooked");
        // the request that caused it, for the receiver's logs
        assertThat(delivered.requestId()).isEqualTo(requestId);
        String[] signature = delivered.signature().split(",");
        String timestamp = signature[0].substring("t=".length());
        assertThat(signature[1]).isEqualTo("v1=" + hmac(secret, timestamp + "." + delivered.body()));
        assertThat(deadLetters.list(100)).noneMatch(dead -> dead.deliveryId().equals(letter.deliveryId()));
        assertThat(deadLetters.retry(letter.deliveryId())).isFalse();
    }

    @Test
    void aWebhookMustBeAUrl() {
        Api.Response refused = api.send("PUT", "/api/me/webhook", member.accessToken(), Map.of("url", "ftp://x"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(api.send("POST", "/api/me/webhook/secret", member.accessToken(), Map.of())
                        .status())
                .isEqualTo(404);
    }

    /** The member's channels for assignments; the other kinds keep their defaults. */
    private void assignmentsBy(boolean email, boolean webhook) {
        track(expect(
                api.send(
                        "PUT",
                        "/api/me/notification-preferences",
                        member.accessToken(),
                        Map.of(
                                "timeZone",
                                "UTC",
                                "kinds",
                                Map.of("assigned", Map.of("email", email, "webhook", webhook)))),
                200));
    }

    private String createTask(String title) {
        return track(expect(api.createTask(board.owner(), board.workspace(), board.project(), title), 201))
                .text("id");
    }

    private Api.Response assign(String task) {
        return track(expect(
                api.post(
                        "/api/workspaces/" + board.workspace() + "/tasks/" + task + "/assignee",
                        board.owner().accessToken(),
                        Map.of("assigneeId", member.id())),
                200));
    }

    private Api.Response track(Api.Response write) {
        lastPosition =
                Math.max(lastPosition, write.body().path("globalPosition").asLong());
        return write;
    }

    private MimeMessage awaitMail(User to, String subject) throws Exception {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> mailsTo(to, subject), mails -> !mails.isEmpty())
                .getFirst();
    }

    /** What the SMTP server received for {@code to} with {@code subject} in the subject line. */
    private List<MimeMessage> mailsTo(User to, String subject) throws Exception {
        List<MimeMessage> mine = new java.util.ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(to.email())
                    && message.getSubject().contains(subject)) {
                mine.add(message);
            }
        }
        return mine;
    }

    private double count(String counter) {
        return meters.find(counter).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Received(String deliveryId, String signature, String requestId, String body) {}

    /** A webhook receiver answering every request with {@link #status}, keeping what it received. */
    private record Receiver(HttpServer server, AtomicInteger status, List<Received> received) {

        static Receiver start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                Receiver receiver = new Receiver(server, new AtomicInteger(204), new CopyOnWriteArrayList<>());
                server.createContext("/hook", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    receiver.received.add(new Received(
                            exchange.getRequestHeaders().getFirst("X-TaskMesh-Delivery-Id"),
                            exchange.getRequestHeaders().getFirst("X-TaskMesh-Signature"),
                            exchange.getRequestHeaders().getFirst("X-Request-Id"),
                            body));
                    exchange.sendResponseHeaders(receiver.status.get(), -1);
                    exchange.close();
                });
                server.start();
                return receiver;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<Received> from(String deliveryId) {
            return received.stream()
                    .filter(r -> deliveryId.equals(r.deliveryId()))
                    .toList();
        }
    }
}
