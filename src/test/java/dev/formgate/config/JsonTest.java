package dev.formgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}
