package dev.formgate.delivery;

import java.time.Duration;

/**
 * Hears about every delivery attempt, on the request path and in the background; metrics implement it.
 *
 * <p>Called on request threads and the worker's thread; implementations must be quick, thread-safe and never throw.
 */
public interface DeliveryListener {
    /** Does nothing (tests, tools). */
    DeliveryListener NONE = new DeliveryListener() {
        @Override
        public void called(String form, Duration took) {
        }

        @Override
        public void recorded(String form, Result result) {
        }
    };

    /** What an attempt did to its row: delivered, back in the queue for a retry, or dead. */
    enum Result { DELIVERED, RETRY, DEAD }

    /** One CMS call for {@code form} finished (in any way) after {@code took}. */
    void called(String form, Duration took);

    /** One attempt's result was written to the outbox. */
    void recorded(String form, Result result);
}
