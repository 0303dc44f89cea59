package dev.taskmesh.bench.scenario;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The scenario's own SMTP server (GreenMail) on a fixed free port. {@link #refuse()} stops it, so connections are
 * refused, and {@link #accept()} starts it again on the same port; the delivery ids of every message received by
 * any incarnation are kept.
 */
final class OwnSmtp implements AutoCloseable {

    static final String DELIVERY_ID_HEADER = "X-TaskMesh-Delivery-Id";

    private final int port;
    private final List<String> deliveryIds = new ArrayList<>();
    private GreenMail server;

    OwnSmtp(int port) {
        this.port = port;
        accept();
    }

    int port() {
        return port;
    }

    synchronized void accept() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    synchronized void refuse() {
        if (server != null) {
            // GreenMail forgets its messages when it stops, so they are read first; one acknowledged in the moment
            // between the two is not counted (a known gap of the harness: a proxy in front, closed instead of the
            // server, would remove it)
            collect();
            server.stop();
            server = null;
        }
    }

    /** Every delivery id received so far, once per message (a message received twice appears twice). */
    synchronized List<String> deliveryIds() {
        if (server != null) {
            collect();
            server.reset();
        }
        return List.copyOf(deliveryIds);
    }

    private void collect() {
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                String[] id = message.getHeader(DELIVERY_ID_HEADER);
                if (id != null) {
                    deliveryIds.add(id[0]);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
