package dev.formgate.delivery;

import java.util.Objects;

/** The result of storing a submission: the stored row, and whether it is new ({@code created=false}: a dedup key or the id matched an earlier row). */
public record StoreOutcome(StoredSubmission stored, boolean created) {
    public StoreOutcome {
        Objects.requireNonNull(stored, "stored");
    }
}
