package dev.formgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.delivery.StoredSubmission;

/** How a stored submission is printed: one JSON line in lists, every field in {@code show}. */
final class Rows {
    private Rows() {
    }

    static String line(ObjectMapper json, StoredSubmission row) {
        return summary(json, row).set("payload", row.submission().payload()).toString();
    }

    static ObjectNode detail(ObjectMapper json, StoredSubmission row) {
        ObjectNode n = summary(json, row)
                .put("contentType", row.submission().contentType())
                .put("nextAttemptAt", row.nextAttemptAt().toString());
        n.set("payload", row.submission().payload());
        return n;
    }

    private static ObjectNode summary(ObjectMapper json, StoredSubmission row) {
        return json.createObjectNode()
                .put("id", row.id())
                .put("form", row.submission().form())
                .put("state", row.state().dbName())
                .put("created", row.submission().createdAt().toString())
                .put("attempts", row.attempts())
                .put("lastError", row.lastError());
    }
}
