package io.aircheck.infra.embedded;

/**
 * An embedded server could not start or stop. The message names the server, the port or directory
 * involved and the cause (for Elasticsearch, with the tail of the node's output).
 */
public final class EmbeddedServerException extends RuntimeException {

    public EmbeddedServerException(String message) {
        super(message);
    }

    public EmbeddedServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
