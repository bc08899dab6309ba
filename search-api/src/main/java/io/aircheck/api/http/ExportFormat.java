package io.aircheck.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aircheck.api.ApiException;
import io.aircheck.api.search.ExportRow;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** How export rows are written: CSV (RFC 4180, with a header row) or JSON lines. */
enum ExportFormat {
    CSV("text/csv; charset=utf-8", "csv"),
    JSONL("application/x-ndjson", "jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** From {@code ?format=csv|jsonl}, else from Accept, else CSV. */
    static ExportFormat choose(String format, String accept) {
        if (format != null) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "jsonl", "ndjson", "json" -> JSONL;
                default ->
                        throw ApiException.badRequest(
                                "format must be csv or jsonl, not '" + format + "'");
            };
        }
        if (accept != null && (accept.contains("ndjson") || accept.contains("jsonl"))) {
            return JSONL;
        }
        return CSV;
    }

    void write(Context ctx, List<ExportRow> rows) throws IOException {
        ctx.contentType(contentType);
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"aircheck-export." + extension + "\"");
        OutputStream out = ctx.res().getOutputStream();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (this == CSV) {
            writer.write(CsvLine.of((Object[]) ExportRow.COLUMNS));
            for (ExportRow row : rows) {
                writer.write(CsvLine.of(row.values()));
            }
        } else {
            for (ExportRow row : rows) {
                writer.write(JSON.writeValueAsString(row));
                writer.write('\n');
            }
        }
        writer.flush();
    }
}
