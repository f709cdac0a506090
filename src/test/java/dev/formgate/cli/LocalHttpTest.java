package dev.formgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The exercise's own small client: the status of an answer, and a CMS address of the configured scheme. */
class LocalHttpTest {
    @Test
    void reads_the_status_code_of_the_status_line_and_the_rest_to_the_end() throws IOException {
        var answer = new ByteArrayInputStream("HTTP/1.1 422 Unprocessable Entity\r\nContent-Length: 2\r\n\r\n{}"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(422, LocalHttp.statusOf(answer));
        assertEquals(0, answer.available());
    }

    @Test
    void an_answer_that_is_not_http_is_an_error() {
        for (String answer : new String[] {"", "SSH-2.0-OpenSSH_9.6\r\n", "HTTP/1.1 2x1 Created\r\n\r\n"}) {
            assertThrows(IOException.class,
                    () -> LocalHttp.statusOf(new ByteArrayInputStream(answer.getBytes(StandardCharsets.ISO_8859_1))),
                    answer);
        }
    }

    @Test
    void the_rehearsal_cms_refuses_connections_over_the_scheme_of_the_configured_one() {
        assertEquals(URI.create("https://127.0.0.1:1"), Exercise.noCms(URI.create("https://api.flotiq.com")));
        assertEquals(URI.create("http://127.0.0.1:1"), Exercise.noCms(URI.create("http://127.0.0.1:9000")));
    }
}
