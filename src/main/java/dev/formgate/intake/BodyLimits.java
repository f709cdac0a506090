package dev.formgate.intake;

/**
 * Hard bounds on a submission's shape, so a hostile body costs little to refuse.
 */
record BodyLimits(int maxFields, int maxFieldNameLength, int maxDepth) {
    static final BodyLimits DEFAULT = new BodyLimits(200, 100, 16);

    void checkField(String name, int countSoFar) {
        if (countSoFar > maxFields) {
            throw GateException.of(413, "too-many-fields", "Too many fields",
                    "A submission may have at most " + maxFields + " fields.");
        }
        if (name.length() > maxFieldNameLength) {
            throw GateException.of(400, "field-name-too-long", "Field name too long",
                    "Field names may be at most " + maxFieldNameLength + " characters.");
        }
    }
}
