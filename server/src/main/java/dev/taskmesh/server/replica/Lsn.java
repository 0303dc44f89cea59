package dev.taskmesh.server.replica;

/** PostgreSQL's WAL positions ({@code pg_lsn}, written {@code 16/B374D848}) as numbers, whose difference is bytes. */
final class Lsn {

    private Lsn() {}

    static long parse(String text) {
        if (text == null) {
            return 0;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an LSN: " + text);
        }
        return (Long.parseUnsignedLong(text.substring(0, slash), 16) << 32)
                | Long.parseUnsignedLong(text.substring(slash + 1), 16);
    }
}
