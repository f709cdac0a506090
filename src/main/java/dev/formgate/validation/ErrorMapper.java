package dev.formgate.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates networknt errors into {@link FieldError}s: field paths, keyword codes and our own messages.
 *
 * <p>Errors raised inside an {@code anyOf}/{@code oneOf} branch describe alternatives, not problems
 * on their own, so each failed combinator is reported once, at the field it applies to.
 */
final class ErrorMapper {
    private static final Comparator<FieldError> ORDER =
            Comparator.comparing(FieldError::field).thenComparing(FieldError::code);

    private ErrorMapper() {
    }

    static List<FieldError> map(List<Error> errors) {
        if (errors.isEmpty()) {
            return List.of();
        }
        List<FieldError> out = new ArrayList<>(errors.size());
        Map<String, Combinator> combinators = null;
        for (Error error : errors) {
            int at = combinatorIndex(error.getEvaluationPath());
            if (at < 0) {
                addDirect(error, out);
                continue;
            }
            if (combinators == null) {
                combinators = new LinkedHashMap<>();
            }
            NodePath evaluation = error.getEvaluationPath();
            String key = prefix(evaluation, at);
            combinators.computeIfAbsent(key, k -> new Combinator(evaluation.getName(at)))
                    .narrow(error.getInstanceLocation());
        }
        if (combinators != null) {
            combinators.values().forEach(c -> out.add(
                    new FieldError(c.field(), c.keyword, Messages.of(c.keyword, null, null))));
        }
        out.sort(ORDER);
        return distinct(out);
    }

    /** Without repeats, in order; the lists are a few errors long, so a scan beats hashing. */
    private static List<FieldError> distinct(List<FieldError> sorted) {
        List<FieldError> out = new ArrayList<>(sorted.size());
        for (FieldError e : sorted) {
            if (!out.contains(e)) out.add(e);
        }
        return Collections.unmodifiableList(out);
    }

    private static void addDirect(Error error, List<FieldError> out) {
        String keyword = error.getKeyword();
        String path = render(error.getInstanceLocation());
        switch (keyword) {
            case "required", "additionalProperties", "unevaluatedProperties" -> out.add(new FieldError(
                    child(path, error.getProperty()), keyword, Messages.of(keyword, error.getSchemaNode(), null)));
            case "dependentRequired" -> out.add(new FieldError(child(path, firstArgument(error)),
                    keyword, Messages.requiredWhenPresent(error.getProperty())));
            case "dependencies" -> addMissingDependencies(error, path, out);
            default -> out.add(new FieldError(path, keyword,
                    Messages.of(keyword, error.getSchemaNode(), error.getArguments())));
        }
    }

    /** networknt puts the missing property first and the present one in {@code property}. */
    private static String firstArgument(Error error) {
        Object[] arguments = error.getArguments();
        return arguments != null && arguments.length > 0 ? String.valueOf(arguments[0]) : null;
    }

    /** Draft-07 "dependencies" only names the present property; the missing ones are recomputed here. */
    private static void addMissingDependencies(Error error, String path, List<FieldError> out) {
        String trigger = error.getProperty();
        JsonNode needed = trigger == null ? null : error.getSchemaNode().get(trigger);
        JsonNode instance = error.getInstanceNode();
        if (needed == null || !needed.isArray() || instance == null) {
            out.add(new FieldError(path, "dependencies", Messages.of("dependencies", null, null)));
            return;
        }
        for (JsonNode name : needed) {
            if (!instance.has(name.asText())) {
                out.add(new FieldError(child(path, name.asText()), "dependencies", Messages.requiredWhenPresent(trigger)));
            }
        }
    }

    /** Index of the outermost anyOf/oneOf whose branch produced this error, or -1. */
    private static int combinatorIndex(NodePath evaluation) {
        int last = evaluation.getNameCount() - 1;
        for (int i = 0; i <= last; i++) {
            Object element = evaluation.getElement(i);
            if (("anyOf".equals(element) || "oneOf".equals(element))
                    && (i == last || evaluation.getElement(i + 1) instanceof Integer)) {
                return i;
            }
        }
        return -1;
    }

    private static String prefix(NodePath path, int endInclusive) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i <= endInclusive; i++) {
            key.append('/').append(path.getElement(i));
        }
        return key.toString();
    }

    static String render(NodePath location) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            append(out, location.getElement(i));
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Object element) {
        if (element instanceof Integer index) {
            out.append('[').append(index).append(']');
        } else {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(element);
        }
    }

    private static String child(String path, String property) {
        if (property == null) {
            return path;
        }
        return path.isEmpty() ? property : path + "." + property;
    }

    /** One failed combinator: the field is the longest instance path shared by all its branch errors. */
    private static final class Combinator {
        private final String keyword;
        private List<Object> common;

        Combinator(String keyword) {
            this.keyword = keyword;
        }

        void narrow(NodePath location) {
            int size = location.getNameCount();
            if (common == null) {
                common = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    common.add(location.getElement(i));
                }
                return;
            }
            int same = 0;
            while (same < common.size() && same < size && common.get(same).equals(location.getElement(same))) {
                same++;
            }
            common = common.subList(0, same);
        }

        String field() {
            StringBuilder out = new StringBuilder();
            common.forEach(element -> append(out, element));
            return out.toString();
        }
    }
}
