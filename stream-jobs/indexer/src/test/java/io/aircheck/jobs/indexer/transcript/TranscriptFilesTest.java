package io.aircheck.jobs.indexer.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TranscriptFilesTest {
    @Test
    void webVttTimesAreHoursMinutesSecondsMillis() {
        assertThat(TranscriptFiles.timestamp(0)).isEqualTo("00:00:00.000");
        assertThat(TranscriptFiles.timestamp(3_723_456_789L)).isEqualTo("01:02:03.456");
        assertThat(TranscriptFiles.timestamp(-5)).isEqualTo("00:00:00.000");
    }

    @Test
    void cueTextCannotOpenTags() {
        assertThat(TranscriptFiles.escape("a <b> & c\nd")).isEqualTo("a &lt;b&gt; &amp; c d");
    }

    @Test
    void anUnknownParticipantIsNamedByTheirIdAndConsentsUntilTheyWithdraw() {
        SessionInfo info = SessionInfo.unknown("room", "s1");
        assertThat(info.speakerName("p-7")).isEqualTo("p-7");
        assertThat(info.consented("p-7")).isTrue();
        assertThat(info.visibility).isEqualTo("PRIVATE");
    }
}
