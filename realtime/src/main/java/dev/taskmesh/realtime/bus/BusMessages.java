package dev.taskmesh.realtime.bus;

import dev.taskmesh.realtime.stream.StoredFrame;

/**
 * The frames channel's message: {@code seq TAB stream TAB position TAB publishedMicros TAB frame-json}. A header
 * in front of the stored JSON, so a node routes a frame without parsing it and sends it on byte for byte.
 */
final class BusMessages {

    private BusMessages() {}

    interface Receiver {
        void frame(StoredFrame frame, long publishedMicros);
    }

    static String encode(StoredFrame frame, long publishedMicros) {
        return frame.seq() + "\t" + frame.stream() + "\t" + frame.position() + "\t" + publishedMicros + "\t"
                + frame.json();
    }

    static void decode(String message, Receiver receiver) {
        int a = message.indexOf('\t');
        int b = message.indexOf('\t', a + 1);
        int c = message.indexOf('\t', b + 1);
        int d = message.indexOf('\t', c + 1);
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            return; // not ours: the channel is shared only by TaskMesh nodes, but a stray publish must not stop a node
        }
        StoredFrame frame;
        long publishedMicros;
        try {
            frame = new StoredFrame(
                    Long.parseLong(message.substring(0, a)),
                    message.substring(a + 1, b),
                    Long.parseLong(message.substring(b + 1, c)),
                    message.substring(d + 1));
            publishedMicros = Long.parseLong(message.substring(c + 1, d));
        } catch (NumberFormatException e) {
            return;
        }
        receiver.frame(frame, publishedMicros);
    }
}
