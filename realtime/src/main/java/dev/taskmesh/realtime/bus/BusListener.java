package dev.taskmesh.realtime.bus;

import dev.taskmesh.realtime.stream.StoredFrame;

/** What a node does with what it hears on the bus. */
public interface BusListener {

    /** A frame the relay stored; {@code publishedMicros} is the relay's wall clock when it published. */
    void frame(StoredFrame frame, long publishedMicros);

    /** The subscription to the bus was lost ({@code false}) or established again ({@code true}). */
    void available(boolean available);
}
