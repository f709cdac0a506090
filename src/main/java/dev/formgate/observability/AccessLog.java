package dev.formgate.observability;

import dev.formgate.intake.SubmissionEvent;
import dev.formgate.intake.SubmissionEvents;
import dev.formgate.intake.SubmissionOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per submission attempt on logger {@value #LOGGER}: request id, form, outcome, submission id, status,
 * latency and a short hash of the client key; never submitted values, addresses or secrets.
 *
 * <pre>submission request=3f2c... form=contact-form outcome=delivered id=01a2... status=201 ms=42 client=9b1d0c7e55aa</pre>
 *
 * <p>{@code id} is the stored submission's id (as in the delivery log lines and {@code submissions}), {@code -}
 * when nothing was stored.
 *
 * <p>The client hash is SHA-256 over a salt and the client key, cut to 12 hex digits: the same client reads the
 * same within one process, but an address cannot be recovered by hashing all IPv4 addresses (which takes seconds
 * without the salt). The salt is random per process unless given.
 *
 * <p>Refusals ({@link SubmissionOutcome#refusal()}: 4xx answers and dropped spam) are logged up to a limit per
 * second; a flood of them would otherwise write ~180 bytes of log per request (10 MB a second at 58 000 404s a
 * second here) and spend the CPU that answering them needs. What was left out is counted per outcome and reported
 * in one line with the first line of a later second, and at stop:
 *
 * <pre>refusals not logged: 57021 over the limit of 50 a second (not_found=57000 forbidden=21); every one is counted in formgate_submissions_total</pre>
 *
 * Submissions that were stored (delivered, queued, held, duplicate) and failures on our side are always logged.
 */
public final class AccessLog implements SubmissionEvents {
    public static final String LOGGER = "formgate.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final SubmissionOutcome[] OUTCOMES = SubmissionOutcome.values();

    private final byte[] salt;
    private final MessageDigest salted;
    private final int refusalsPerSecond;
    private final LongSupplier nanoTime;
    private final Consumer<String> out;
    /** The second ({@code nanoTime / 1e9}) the refusal count below belongs to. */
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger refusalsThisSecond = new AtomicInteger();
    /** Refusal lines left out since the last report, by outcome ordinal. */
    private final AtomicLongArray leftOut = new AtomicLongArray(OUTCOMES.length);

    /** At most {@code refusalsPerSecond} refusal lines a second (0: none, only the counts of what was left out). */
    public AccessLog(byte[] salt, int refusalsPerSecond) {
        this(salt, refusalsPerSecond, System::nanoTime, LOG::info);
    }

    AccessLog(byte[] salt, int refusalsPerSecond, LongSupplier nanoTime, Consumer<String> out) {
        if (refusalsPerSecond < 0) {
            throw new IllegalArgumentException("refusalsPerSecond must be >= 0: " + refusalsPerSecond);
        }
        this.salt = Objects.requireNonNull(salt, "salt").clone();
        this.salted = sha256();
        this.salted.update(this.salt);
        this.refusalsPerSecond = refusalsPerSecond;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void finished(SubmissionEvent e) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long now = Math.floorDiv(nanoTime.getAsLong(), 1_000_000_000L);
        long counted = second.get();
        if (now != counted && second.compareAndSet(counted, now)) {
            refusalsThisSecond.set(0);
            reportLeftOut();
        }
        if (e.outcome().refusal() && refusalsThisSecond.incrementAndGet() > refusalsPerSecond) {
            leftOut.incrementAndGet(e.outcome().ordinal());
            return;
        }
        out.accept(line(e));
    }

    /** Logs how many refusal lines were left out since the last report, if any; the owner calls it at stop too. */
    public void reportLeftOut() {
        StringBuilder counts = new StringBuilder();
        long total = 0;
        for (SubmissionOutcome o : OUTCOMES) {
            long n = leftOut.getAndSet(o.ordinal(), 0);
            if (n > 0) {
                counts.append(total == 0 ? "" : " ").append(o.label()).append('=').append(n);
                total += n;
            }
        }
        if (total > 0) {
            out.accept("refusals not logged: " + total + " over the limit of " + refusalsPerSecond + " a second ("
                    + counts + "); every one is counted in formgate_submissions_total");
        }
    }

    String line(SubmissionEvent e) {
        return "submission request=" + e.requestId()
                + " form=" + e.form().orElse("-")
                + " outcome=" + e.outcome().label()
                + " id=" + e.submissionId().orElse("-")
                + " status=" + e.status()
                + " ms=" + e.latency().toMillis()
                + " client=" + clientHash(e.clientKey());
    }

    String clientHash(String clientKey) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) salted.clone(); // the salt already in; cheaper than a provider lookup per line
        } catch (CloneNotSupportedException e) {
            sha = sha256(); // a provider whose digest cannot be cloned
            sha.update(salt);
        }
        return HexFormat.of().formatHex(sha.digest(clientKey.getBytes(StandardCharsets.UTF_8)), 0, 6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
