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
}
