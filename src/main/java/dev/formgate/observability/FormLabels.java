package dev.formgate.observability;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Form names as metric labels: only registered forms get their own label, everything else is {@value #UNKNOWN}. */
final class FormLabels {
    /** Cannot clash with a form: form names start with a letter or digit. */
    static final String UNKNOWN = "_unknown";

    private final Set<String> known;

    FormLabels(Collection<String> forms) {
        this.known = Set.copyOf(forms);
    }

    Set<String> known() {
        return known;
    }

    String of(String form) {
        return form != null && known.contains(form) ? form : UNKNOWN;
    }

    String of(Optional<String> form) {
        return of(form.orElse(null));
    }
}
