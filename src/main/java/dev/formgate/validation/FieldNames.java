package dev.formgate.validation;

/**
 * Normalizes form field names: {@code topics[]} is {@code topics}, {@code address[city]} is {@code address.city}.
 */
final class FieldNames {
    private FieldNames() {
    }

    /** Names that do not follow the bracket convention exactly are returned unchanged (minus a trailing "[]"). */
    static String normalize(String name) {
        String base = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        int open = base.indexOf('[');
        if (open <= 0 || !base.endsWith("]")) {
            return base;
        }
        StringBuilder dotted = new StringBuilder(base.length()).append(base, 0, open);
        int at = open;
        while (at < base.length()) {
            int close = base.indexOf(']', at);
            if (base.charAt(at) != '[' || close < at + 2 || base.lastIndexOf('[', close) != at) {
                return base;
            }
            dotted.append('.').append(base, at + 1, close);
            at = close + 1;
        }
        return dotted.toString();
    }
}
