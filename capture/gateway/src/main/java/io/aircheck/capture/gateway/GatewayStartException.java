package io.aircheck.capture.gateway;

/**
 * The gateway cannot start (Kafka unreachable, topics missing, port taken); the message says why.
 */
public class GatewayStartException extends RuntimeException {
    public GatewayStartException(String message) {
        super(message);
    }

    public GatewayStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
