package dev.taskmesh.server.rebuild;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Rows in PostgreSQL's COPY text format, for the bulk pass: tab-separated columns, {@code \N} for null, backslash
 * escapes for the characters the format gives a meaning, arrays as {@code {"a","b"}} literals. pgjdbc streams the text
 * (CopyManager); binding every value of a multi-row INSERT cost twice the time of folding the rows.
 */
final class CopyText {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private int rows;

    void row(Object[] values) {
        rows++;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            value(values[i]);
        }
        text.append('\n');
    }

    String text() {
        return text.toString();
    }

    int size() {
        return rows;
    }

    private void value(Object value) {
        switch (value) {
            case null -> text.append("\\N");
            case String s -> escaped(s);
            case UUID u -> text.append(u);
            case Boolean b -> text.append(b ? 't' : 'f');
            case Number n -> text.append(n);
            // to the microsecond as pgjdbc rounds a bound timestamp, so a row matches the handlers' to the digit
            case Timestamp t -> text.append(t.toInstant().plusNanos(500).truncatedTo(ChronoUnit.MICROS));
            case Date d -> text.append(d);
            case Object[] array -> array(array);
            default -> throw new IllegalArgumentException("no COPY text for " + value.getClass());
        }
    }

    /** An array literal, each element quoted (so commas, braces and blanks stay inside it), then COPY-escaped. */
    private void array(Object[] elements) {
        StringBuilder literal = new StringBuilder().append('{');
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            if (elements[i] == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            String element = elements[i].toString();
            for (int c = 0; c < element.length(); c++) {
                char ch = element.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        escaped(literal.append('}').toString());
    }

    private void escaped(String value) {
        int first = firstSpecial(value);
        if (first == value.length()) {
            text.append(value); // the common case, copied whole
            return;
        }
        text.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static int firstSpecial(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return value.length();
    }
}
