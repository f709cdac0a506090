package dev.formgate.delivery;

import java.util.Objects;

/** The answer to a submission: its id, how far it got, and whether it repeated an earlier one. */
public record Receipt(String id, Outcome outcome, boolean duplicate) {
    public Receipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(outcome, "outcome");
    }
}
