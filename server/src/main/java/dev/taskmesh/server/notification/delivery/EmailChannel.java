package dev.taskmesh.server.notification.delivery;

import dev.taskmesh.api.notification.NotificationView;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends a notification by email to its owner's address, with the delivery id in a header for de-duplication. */
class EmailChannel {

    static final String DELIVERY_ID_HEADER = "X-TaskMesh-Delivery-Id";

    private final JavaMailSender mail;
    private final JdbcClient jdbc;
    private final String from;

    EmailChannel(JavaMailSender mail, JdbcClient jdbc, String from) {
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
        mail.send(message);
    }
}
