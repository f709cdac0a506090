package dev.formgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void every_mapper_draws_buffers_from_one_shared_pool_not_from_the_thread() {
        ObjectMapper plain = Json.mapper();
        ObjectMapper limited = Json.mapper(StreamReadConstraints.builder().maxNestingDepth(3).build());

        assertNotSame(plain, limited);
        assertSame(plain.getFactory()._getRecyclerPool(), limited.getFactory()._getRecyclerPool());
        assertNotSame(JsonRecyclerPools.threadLocalPool(), plain.getFactory()._getRecyclerPool());
    }

    @Test
    void a_limited_mapper_refuses_what_its_limits_exclude() throws Exception {
        ObjectMapper limited = Json.mapper(StreamReadConstraints.builder().maxNestingDepth(3).build());

        assertEquals(1, limited.readTree("[[[1]]]").get(0).get(0).get(0).asInt());
        assertThrows(StreamConstraintsException.class, () -> limited.readTree("[[[[1]]]]"));
    }

    @Test
    void bytes_are_the_compact_json_jackson_itself_prints_so_stored_fingerprints_stay_valid() throws Exception {
        ObjectMapper mapper = Json.mapper();
        JsonNode doc = mapper.readTree("{\"name\":\"Zoë \\\"Z\\\"\",\"topics\":[\"a\",\"b\"],\"n\":1.5,\"ok\":true}");

        assertEquals(doc.toString(), new String(Json.bytes(mapper, doc), StandardCharsets.UTF_8));
    }

    @Test
    void text_escapes_strings_byte_for_byte_as_jacksons_generator_does() throws Exception {
        ObjectMapper mapper = Json.mapper();
        String[] values = {"plain", "quote \" and backslash \\", "controls \u0000\u0001\b\f\n\r\t\u001f\u007f",
            "</script><!--", "Zoë, Łódź, 東京", "", "line\u2028separator"};
        for (String value : values) {
            var doc = mapper.createObjectNode().put("k", value).put("n", -42).putNull("z");

            byte[] text = new Json.Text().raw("{\"k\":").string(value).raw(",\"n\":").number(-42)
                    .raw(",\"z\":").string(null).raw("}").bytes();

            assertEquals(new String(Json.bytes(mapper, doc), StandardCharsets.UTF_8), new String(text, StandardCharsets.UTF_8),
                    value);
            assertEquals(value, mapper.readTree(text).get("k").asText());
        }
    }

    @Test
    void text_writes_a_character_beyond_the_basic_plane_as_utf_8_which_reads_back_the_same() throws Exception {
        // Jackson's generator writes it as two \\u escapes; either form is the same JSON string
        String value = "emoji \uD83D\uDE00";

        byte[] text = new Json.Text().string(value).bytes();

        assertEquals("\"" + value + "\"", new String(text, StandardCharsets.UTF_8));
        assertEquals(value, Json.mapper().readTree(text).asText());
    }

    @Test
    void text_grows_past_its_first_buffer_and_refuses_raw_text_that_is_not_ascii() {
        String longValue = "x".repeat(1000);

        byte[] text = new Json.Text().raw("[").string(longValue).raw(",").string(longValue).raw("]").bytes();

        assertEquals("[\"" + longValue + "\",\"" + longValue + "\"]", new String(text, StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> new Json.Text().raw("{\"é\":"));
    }
}
