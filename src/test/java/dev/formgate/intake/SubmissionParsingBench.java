package dev.formgate.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.formgate.ShortBench;
import dev.formgate.config.EnvSettings;
import dev.formgate.forms.FormDefinition;
import dev.formgate.forms.FormRegistry;
import dev.formgate.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * JMH: the request path's CPU work on a body once it is read: parse (urlencoded or JSON), coerce form strings,
 * drop control fields, validate against the form's schema. Forms come from {@code schemas/} as the server loads them.
 *
 * <p>Not a unit test (surefire ignores {@code *Bench}); run as bench/README.md says.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SubmissionParsingBench extends ShortBench {
    static final String MESSAGE = "Hello! I found your site while looking for a team to help us migrate our marketing"
            + " pages to a JAMstack setup with a headless CMS. We need around twenty static pages, a blog and a contact"
            + " form that stores entries in the CMS. Could you send a rough estimate and your availability for next"
            + " month? Thanks, Jane.";

    @Param({"json-valid", "json-invalid", "urlencoded-valid", "urlencoded-invalid"})
    public String body;

    private FormDefinition form;
    private BodyReader reader;
    private byte[] bytes;
    private String mediaType;

    @Setup
    public void setUp() {
        FormRegistry forms = FormRegistry.load(EnvSettings.load(Map.of("FORMGATE_SCHEMAS", "schemas")), new ObjectMapper());
        form = forms.byName("contact-form").orElseThrow();
        reader = new BodyReader(BodyLimits.DEFAULT);
        boolean valid = body.endsWith("-valid");
        if (body.startsWith("json")) {
            mediaType = BodyReader.JSON;
            bytes = (valid
                    ? "{\"name\":\"Jane Doe\",\"email\":\"jane.doe@example.com\",\"message\":\"" + MESSAGE + "\"}"
                    : "{\"name\":\"J\",\"email\":\"jane.doe(at)example.com\",\"message\":\"Hi\",\"newsletter\":\"maybe\"}")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            mediaType = BodyReader.URLENCODED;
            bytes = (valid
                    ? "name=Jane+Doe&email=jane.doe%40example.com&newsletter=on&topics=sales&topics=support&message="
                            + java.net.URLEncoder.encode(MESSAGE, StandardCharsets.UTF_8)
                    : "name=J&email=jane.doe%28at%29example.com&newsletter=maybe&topics=nope&message=Hi")
                    .getBytes(StandardCharsets.UTF_8);
        }
        List<FieldError> errors = run();
        if (errors.isEmpty() != valid) {
            throw new IllegalStateException(body + " gave " + errors);
        }
    }

    @Benchmark
    public List<FieldError> parseCoerceValidate() {
        return run();
    }

    private List<FieldError> run() {
        Body parsed = reader.parse(bytes, mediaType, mediaType);
        ObjectNode doc = SubmitHandler.document(form, parsed);
        return form.validator().validate(doc);
    }
}
