package dev.formgate.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code multipart/form-data} text parts from an already size-limited body; file parts are refused.
 */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[; ]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename\\*?=", Pattern.CASE_INSENSITIVE);

    private Multipart() {
    }

    static Map<String, List<String>> parse(byte[] body, String contentType, BodyLimits limits) {
        String boundary = boundary(contentType);
        // ISO-8859-1 maps bytes 1:1 to chars, so part boundaries can be found in text and values decoded as UTF-8.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        if (!text.startsWith(delimiter)) throw malformed("the body does not start with the boundary");
        Map<String, List<String>> out = new LinkedHashMap<>();
        int pos = delimiter.length();
        int count = 0;
        while (true) {
            if (text.startsWith("--", pos)) return out;
            if (!text.startsWith("\r\n", pos)) throw malformed("a boundary is not followed by a line break");
            int headersEnd = text.indexOf("\r\n\r\n", pos + 2);
            int next = text.indexOf("\r\n" + delimiter, pos + 2);
            if (headersEnd < 0 || next < 0 || headersEnd > next) throw malformed("a part is not terminated");
            String headers = text.substring(pos + 2, headersEnd);
            String name = partName(headers, headersEnd + 4 == next);
            pos = next + 2 + delimiter.length();
            if (name == null) continue;
            limits.checkField(name, ++count);
            String value = new String(text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
    }

    private static String boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) throw malformed("the Content-Type has no boundary");
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /** The part's field name, or null for an empty file input (a browser sends one when no file was chosen). */
    private static String partName(String headers, boolean empty) {
        String disposition = null;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) disposition = line;
        }
        if (disposition == null) throw malformed("a part has no Content-Disposition");
        if (FILENAME.matcher(disposition).find()) {
            if (empty && disposition.contains("filename=\"\"")) return null;
            throw GateException.of(415, "file-upload", "File uploads are not supported",
                    "This form accepts text fields only; remove the file input or leave it empty.");
        }
        Matcher m = NAME.matcher(disposition);
        if (!m.find()) throw malformed("a part has no name");
        return new String(m.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static GateException malformed(String why) {
        return GateException.of(400, "malformed-body", "Malformed body", "The multipart body is malformed: " + why + ".");
    }
}
