package dev.formgate.delivery;

/** A CMS that can create an entry. Flotiq first; Strapi, webhooks etc. later fit the same interface. */
public interface Cms {
    /**
     * Creates the entry for the submission, idempotently by submission id; never throws for
     * CMS or network trouble, which comes back as a {@link DeliveryResult}.
     */
    DeliveryResult deliver(Submission submission);

    /** Whether this CMS has what it needs (a key) to deliver the form's submissions. */
    boolean configuredFor(String form);
}
