package dev.formgate.delivery;

import java.time.Duration;

/** A CMS that can create an entry. Flotiq first; Strapi, webhooks etc. later fit the same interface. */
public interface Cms {
    /**
     * Creates the entry for the submission, idempotently by submission id, waiting for the CMS at most its own
     * configured request timeout; never throws for CMS or network trouble, which comes back as a {@link DeliveryResult}.
     */
    DeliveryResult deliver(Submission submission);

    /**
     * As {@link #deliver(Submission)}, waiting at most {@code timeout} (or the request timeout, if shorter): the request
     * path's delivery deadline. Running out of time is a {@link DeliveryResult.Retry}.
     */
    DeliveryResult deliver(Submission submission, Duration timeout);

    /** Whether this CMS has what it needs (a key) to deliver the form's submissions. */
    boolean configuredFor(String form);
}
