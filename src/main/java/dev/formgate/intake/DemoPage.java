package dev.formgate.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.formgate.forms.FormDefinition;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The local/demo page at {@code /}: one working HTML form per schema, generated from its properties.
 */
public final class DemoPage {
    private DemoPage() {
    }

    public static String render(Collection<FormDefinition> forms, boolean localMode) {
        StringBuilder b = new StringBuilder("<h1>FormGate</h1>");
        b.append(localMode
                ? "<p><strong>Local mode:</strong> no Flotiq key is set, so submissions are kept in the outbox as "
                  + "<em>held</em>. List them with <code>java -jar target/formgate.jar submissions</code>.</p>"
                : "<p>Submissions are delivered to the CMS.</p>");
        for (FormDefinition f : forms) {
            b.append(form(f));
        }
        return Html.page("FormGate forms", b.toString());
    }

    private static String form(FormDefinition f) {
        StringBuilder b = new StringBuilder("<section><h2>").append(Html.escape(f.title())).append("</h2>")
                .append("<form method=\"post\" action=\"/forms/").append(Html.escape(f.name())).append("\">");
        JsonNode required = f.schema().path("required");
        Iterator<Map.Entry<String, JsonNode>> props = f.schema().path("properties").fields();
        while (props.hasNext()) {
            Map.Entry<String, JsonNode> p = props.next();
            b.append(field(f.name(), p.getKey(), p.getValue(), contains(required, p.getKey())));
        }
        return b.append("<button type=\"submit\">Send</button></form></section>").toString();
    }

    private static String field(String form, String name, JsonNode prop, boolean required) {
        String id = Html.escape(form + "-" + name);
        String label = Html.escape(prop.path("title").asText(name)) + (required ? " *" : "");
        String attrs = " id=\"" + id + "\" name=\"" + Html.escape(name) + "\"" + (required ? " required" : "")
                + (prop.has("maxLength") ? " maxlength=\"" + prop.get("maxLength").asInt() + "\"" : "")
                + (prop.has("minLength") ? " minlength=\"" + prop.get("minLength").asInt() + "\"" : "");
        String type = prop.path("type").asText("string");
        if ("boolean".equals(type)) {
            return "<label><input type=\"checkbox\"" + attrs + (prop.path("default").asBoolean(false) ? " checked" : "")
                    + "> " + label + "</label>";
        }
        if ("array".equals(type) && prop.path("items").has("enum")) {
            StringBuilder s = new StringBuilder("<label for=\"" + id + "\">" + label + "</label><select multiple" + attrs + ">");
            prop.path("items").path("enum").forEach(v -> s.append(option(v.asText(), false)));
            return s.append("</select>").toString();
        }
        if (prop.has("enum")) {
            StringBuilder s = new StringBuilder("<label for=\"" + id + "\">" + label + "</label><select" + attrs + ">");
            String chosen = prop.path("default").asText(null);
            prop.path("enum").forEach(v -> s.append(option(v.asText(), v.asText().equals(chosen))));
            return s.append("</select>").toString();
        }
        if (prop.path("maxLength").asInt(0) > 300) {
            return "<label for=\"" + id + "\">" + label + "</label><textarea rows=\"5\"" + attrs + "></textarea>";
        }
        return "<label for=\"" + id + "\">" + label + "</label><input type=\"" + inputType(type, prop) + "\"" + attrs + ">";
    }

    private static String inputType(String type, JsonNode prop) {
        if ("integer".equals(type) || "number".equals(type)) return "number";
        return switch (prop.path("format").asText("")) {
            case "email" -> "email";
            case "uri" -> "url";
            case "date" -> "date";
            case "date-time" -> "datetime-local";
            default -> "text";
        };
    }

    private static String option(String v, boolean selected) {
        return "<option value=\"" + Html.escape(v) + "\"" + (selected ? " selected" : "") + ">" + Html.escape(v) + "</option>";
    }

    private static boolean contains(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (name.equals(n.asText())) return true;
        }
        return false;
    }
}
