package io.aircheck.api.http;

/**
 * One CSV record (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled;
 * CRLF.
 */
final class CsvLine {
    private CsvLine() {}

    static String of(Object... values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values[i] == null ? "" : values[i].toString();
            if (v.indexOf(',') >= 0
                    || v.indexOf('"') >= 0
                    || v.indexOf('\n') >= 0
                    || v.indexOf('\r') >= 0) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                out.append(v);
            }
        }
        return out.append("\r\n").toString();
    }
}
