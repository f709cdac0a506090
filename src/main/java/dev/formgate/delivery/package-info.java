/**
 * Delivery: the durable SQLite outbox, CMS clients (Flotiq), the request-path {@link dev.formgate.delivery.Dispatcher}
 * and the background {@link dev.formgate.delivery.DeliveryWorker}.
 *
 * <p>The promise is that an acknowledged submission reaches the CMS exactly once: it is fsynced in the
 * outbox before the submitter hears success, every attempt sends the submission id as the CMS object id
 * (so a retry after a lost answer finds "id already used" and counts as delivered), and state changes
 * are guarded so a late result never undoes a delivery.
 */
package dev.formgate.delivery;
