package dev.formgate.delivery;

import java.util.Locale;

/**
 * Where a stored submission is in its delivery life; stored and shown in lower case.
 *
 * <p>{@code HELD}: no CMS key for its form (local mode), kept until a key appears.
 * {@code QUEUED}: waiting for its next delivery attempt. {@code DELIVERED}: the CMS has the entry.
 * {@code DEAD}: the CMS refused it for good (schema drift, wrong key, too old); an operator can requeue it.
 */
public enum State {
    HELD, QUEUED, DELIVERED, DEAD;

    /** The lower-case name used in the database and on the command line. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a lower-case (or any case) name such as {@code queued}. */
    public static State parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown state '" + name + "': expected held|queued|delivered|dead", e);
        }
    }
}
