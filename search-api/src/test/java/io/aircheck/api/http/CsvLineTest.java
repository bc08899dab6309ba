package io.aircheck.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvLineTest {
    @Test
    void quotesWhatNeedsQuoting() {
        assertThat(CsvLine.of("a", null, 1.5, "b,c", "say \"hi\"", "two\nlines"))
                .isEqualTo("a,,1.5,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
    }

    @Test
    void exportFormatsFromParameterOrAccept() {
        assertThat(ExportFormat.choose(null, null)).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.choose(null, "application/x-ndjson")).isEqualTo(ExportFormat.JSONL);
        assertThat(ExportFormat.choose("JSONL", "text/csv")).isEqualTo(ExportFormat.JSONL);
    }
}
