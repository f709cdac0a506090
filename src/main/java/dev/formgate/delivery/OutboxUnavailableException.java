package dev.formgate.delivery;

/**
 * The outbox could not be opened or could not make a write durable (disk full, file locked too long, closed).
 *
 * <p>Nothing was acknowledged; the web layer answers 503 so the submitter can try again.
 */
public final class OutboxUnavailableException extends RuntimeException {
    public OutboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutboxUnavailableException(String message) {
        super(message);
    }
}
