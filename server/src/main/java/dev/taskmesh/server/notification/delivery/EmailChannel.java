package dev.taskmesh.server.notification.delivery;

import dev.taskmesh.api.notification.NotificationView;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends a notification by email to its owner's address, with the delivery id in a header for de-duplication.
 *
 * <p>Each sending thread keeps its SMTP connection open between messages: opening one per message (what
 * {@code JavaMailSender.send} does) was the largest single cost of the notification pipeline under load (connect,
 * greeting, EHLO and QUIT for every email). A send that fails on a kept connection (the server may have closed it
 * while idle) is tried once more on a fresh one; a message the server had in fact accepted is then sent twice, which
 * the delivery id lets receivers recognise, as for any retry.
 */
class EmailChannel implements AutoCloseable {

    static final String DELIVERY_ID_HEADER = "X-TaskMesh-Delivery-Id";

    private final JavaMailSenderImpl mail;
    private final JdbcClient jdbc;
    private final String from;
    private final ThreadLocal<Transport> connection = new ThreadLocal<>();
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();

    EmailChannel(JavaMailSenderImpl mail, JdbcClient jdbc, String from) {
        this.mail = mail;
        this.jdbc = jdbc;
        this.from = from;
    }

    void send(Delivery delivery, NotificationView notification) throws MessagingException {
        String to = jdbc.sql("SELECT email FROM user_account WHERE user_id = :userId")
                .param("userId", delivery.owner().value())
                .query(String.class)
                .single();
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
        helper.setFrom(from);
        helper.setTo(to);
        helper.setSubject(NotificationText.subject(notification));
        helper.setText(NotificationText.body(notification));
        message.setHeader(DELIVERY_ID_HEADER, delivery.id().toString());
        message.saveChanges();
        Transport kept = connection.get();
        if (kept != null) {
            try {
                kept.sendMessage(message, message.getAllRecipients());
                return;
            } catch (MessagingException e) {
                discard(kept);
            }
        }
        Transport fresh = connect();
        try {
            fresh.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            discard(fresh);
            throw e;
        }
    }

    private Transport connect() throws MessagingException {
        Transport transport = mail.getSession().getTransport(mail.getProtocol());
        // as JavaMailSenderImpl does: an empty user name means no authentication
        boolean anonymous = mail.getUsername() == null || mail.getUsername().isEmpty();
        transport.connect(
                mail.getHost(),
                mail.getPort(),
                anonymous ? null : mail.getUsername(),
                anonymous ? null : mail.getPassword());
        connection.set(transport);
        open.add(transport);
        return transport;
    }

    private void discard(Transport transport) {
        connection.remove();
        open.remove(transport);
        try {
            transport.close();
        } catch (MessagingException e) {
            // already broken: nothing to close
        }
    }

    @Override
    public void close() {
        open.forEach(transport -> {
            try {
                transport.close();
            } catch (MessagingException e) {
                // closing on shutdown: a connection already gone is fine
            }
        });
        open.clear();
    }
}
