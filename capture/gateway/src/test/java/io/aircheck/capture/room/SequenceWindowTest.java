package io.aircheck.capture.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceWindowTest {
    @Test
    void remembersSequencesWithinTheWindow() {
        SequenceWindow window = new SequenceWindow();
        assertThat(window.status(7)).isEqualTo(SequenceWindow.Status.NEW);
        window.add(7);
        assertThat(window.status(7)).isEqualTo(SequenceWindow.Status.DUPLICATE);
        assertThat(window.status(6)).isEqualTo(SequenceWindow.Status.NEW);
        window.add(7 + SequenceWindow.SIZE);
        assertThat(window.status(7)).isEqualTo(SequenceWindow.Status.TOO_OLD);
        assertThat(window.status(8)).isEqualTo(SequenceWindow.Status.NEW);
        window.add(8);
        assertThat(window.status(8)).isEqualTo(SequenceWindow.Status.DUPLICATE);
        window.remove(8);
        assertThat(window.status(8)).isEqualTo(SequenceWindow.Status.NEW);
    }

    @Test
    void aJumpForgetsTheSlotsItSkips() {
        SequenceWindow window = new SequenceWindow();
        window.add(1);
        window.add(1 + 3 * SequenceWindow.SIZE / 2);
        // slot of 1 + SIZE was last used by sequence 1: it must read as new, not duplicate
        assertThat(window.status(1 + SequenceWindow.SIZE)).isEqualTo(SequenceWindow.Status.NEW);
        assertThat(window.isGapBefore(2 + 3 * SequenceWindow.SIZE / 2)).isFalse();
        assertThat(window.isGapBefore(3 + 3 * SequenceWindow.SIZE / 2)).isTrue();
    }
}
