package dev.taskmesh.bench.scenario;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.taskmesh.bench.infra.BenchInfrastructure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scenario's own SMTP server (GreenMail), reached through a small TCP relay on the port the server is given.
 * {@link #refuse()} closes the relay's listening socket and cuts every open connection, so new connections are refused
 * and sends in flight fail; {@link #accept()} listens again on the same port. GreenMail itself runs from start to end,
 * so every message it acknowledged is counted: stopping GreenMail instead would forget the ones acknowledged between
 * reading its messages and stopping it.
 *
 * <p>Written by hand (60 lines) rather than with Toxiproxy, which needs its own binary and process.
 */
final class OwnSmtp implements AutoCloseable {

    static final String DELIVERY_ID_HEADER = "X-TaskMesh-Delivery-Id";

    private final int port;
    private final int greenMailPort;
    private final GreenMail server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    OwnSmtp(int port) {
        this.port = port;
        this.greenMailPort = BenchInfrastructure.freePort();
        this.server = new GreenMail(new ServerSetup(greenMailPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        accept();
    }

    int port() {
        return port;
    }

    synchronized void accept() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            Thread.ofVirtual().name("smtp-relay-accept").start(() -> relay(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
    }

    synchronized void refuse() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        open.forEach(OwnSmtp::closeQuietly);
        open.clear();
    }

    /** Every delivery id received so far, once per message (a message received twice appears twice). */
    List<String> deliveryIds() {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                String[] id = message.getHeader(DELIVERY_ID_HEADER);
                if (id != null) {
                    ids.add(id[0]);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    private void relay(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), greenMailPort);
                open.add(client);
                open.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException closed) {
                // refuse() closed the listener; sockets accepted before are cut there too
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException cut) {
            // either side closed or was cut by refuse()
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort: the socket is gone either way
        }
    }

    @Override
    public synchronized void close() {
        refuse();
        server.stop();
    }
}
