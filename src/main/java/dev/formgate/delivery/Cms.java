package dev.formgate.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** A CMS that can create an entry. Flotiq first; Strapi, webhooks etc. later fit the same interface. */
public interface Cms {
    /**
     * Creates the entry for the submission, idempotently by submission id; never throws for
     * CMS or network trouble, which comes back as a {@link DeliveryResult}.
     */
    DeliveryResult deliver(Submission submission);

    /**
     * As {@link #deliver}, without blocking the caller. The default runs {@link #deliver} on the executor;
     * a client with its own asynchronous I/O overrides it to save that thread hop on the request path.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the executor takes no more work
     */
    default CompletableFuture<DeliveryResult> deliverAsync(Submission submission, Executor executor) {
        return CompletableFuture.supplyAsync(() -> deliver(submission), executor);
    }

    /** Whether this CMS has what it needs (a key) to deliver the form's submissions. */
    boolean configuredFor(String form);
}
