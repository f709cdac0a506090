package dev.formgate.delivery;

/** What the submitter is told: {@code DELIVERED} becomes 201, {@code QUEUED} and {@code HELD} become 202. */
public enum Outcome { DELIVERED, QUEUED, HELD }
