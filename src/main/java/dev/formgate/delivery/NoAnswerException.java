package dev.formgate.delivery;

import java.io.IOException;

/**
 * The request could not be sent, or the connection ended before the first byte of an answer: on a reused
 * keep-alive connection, the sign that the server had closed it while it sat idle.
 */
final class NoAnswerException extends IOException {
    NoAnswerException(String message) {
        super(message);
    }

    NoAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
