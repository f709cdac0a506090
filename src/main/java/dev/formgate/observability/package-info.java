/**
 * Observability: request ids, the per-submission access log and the Prometheus metrics behind {@code GET /metrics}.
 *
 * <p>Micrometer is imported only here. The pipeline reports through plain interfaces it owns
 * ({@link dev.formgate.intake.SubmissionEvents}, {@link dev.formgate.delivery.DeliveryListener}), which
 * {@link dev.formgate.observability.Metrics} and {@link dev.formgate.observability.AccessLog} implement; App wires them.
 * Labels are bounded by construction: forms come from the registry, routes are templates.
 */
package dev.formgate.observability;
