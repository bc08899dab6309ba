package io.aircheck.capture.gateway;

/** Hears how one accepted frame's write to the log ended. */
interface WriteOutcome {
    void succeeded();

    void failed(String reason);
}
