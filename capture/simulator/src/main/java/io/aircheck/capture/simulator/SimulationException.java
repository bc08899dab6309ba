package io.aircheck.capture.simulator;

/** The simulation could not go on: the gateway refused something or did not answer; says which. */
public class SimulationException extends RuntimeException {
    public SimulationException(String message) {
        super(message);
    }

    public SimulationException(String message, Throwable cause) {
        super(message, cause);
    }
}
