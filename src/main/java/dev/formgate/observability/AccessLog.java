package dev.formgate.observability;

import dev.formgate.intake.SubmissionEvent;
import dev.formgate.intake.SubmissionEvents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
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
 */
public final class AccessLog implements SubmissionEvents {
    public static final String LOGGER = "formgate.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final byte[] salt;

    public AccessLog(byte[] salt) {
        this.salt = Objects.requireNonNull(salt, "salt").clone();
    }

    @Override
    public void finished(SubmissionEvent e) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LOG.info(line(e));
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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(clientKey.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
