package dev.formgate.delivery;

import dev.formgate.ShortBench;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * JMH: reading the CMS's answer to a delivery, as a {@link CmsConnection} does ({@link CmsConnection#buffered} over
 * the socket's stream, then {@link ResponseReader#read}): the bench's fake Flotiq's answer (nginx, 6 headers, a
 * 136-byte body) and one shaped like Flotiq's own (14 headers, the created object). Every delivered submission reads
 * one. Two threads, as the two carriers under load.
 *
 * <p>Not a unit test (surefire ignores {@code *Bench}); run as bench/README.md says.
 */
@Threads(2)
public class ResponseReaderBench extends ShortBench {
    private static final String FAKE_BODY = "{\"id\":\"contact_form-9d2b493dd99b22381978cbec2e9807bc\",\"internal\":"
            + "{\"contentType\":\"contact_form\",\"createdAt\":\"2026-11-29T08:55:10+00:00\"}}";
    private static final String FLOTIQ_BODY = "{\"id\":\"01a22681-0bfa-72f6-aafb-c9d7ef9ed85e\",\"name\":\"Jane Doe\","
            + "\"email\":\"jane.doe@example.com\",\"message\":\"Hello! I found your site while looking for a team to help"
            + " us migrate our marketing pages to a JAMstack setup with a headless CMS. We need around twenty static"
            + " pages, a blog and a contact form that stores entries in the CMS.\",\"internal\":{\"contentType\":"
            + "\"contact_form\",\"createdAt\":\"2026-11-29T08:55:10+00:00\",\"updatedAt\":\"2026-11-29T08:55:10+00:00\","
            + "\"deletedAt\":\"\",\"latestVersion\":1,\"status\":\"public\",\"workflowState\":\"draft\","
            + "\"objectTitle\":\"Jane Doe\"}}";
    private final byte[] fake = answer(FAKE_BODY, "Server: nginx", "Date: Sun, 29 Nov 2026 08:55:10 GMT",
            "Content-Type: application/json", "Connection: keep-alive");
    private final byte[] flotiq = answer(FLOTIQ_BODY, "Date: Sun, 29 Nov 2026 08:55:10 GMT",
            "Content-Type: application/json", "Connection: keep-alive", "Vary: Accept-Encoding",
            "Cache-Control: no-cache, private", "X-RateLimit-Limit: 60", "X-RateLimit-Remaining: 59",
            "Access-Control-Allow-Origin: *", "Access-Control-Allow-Headers: X-AUTH-TOKEN, Content-Type",
            "Strict-Transport-Security: max-age=31536000; includeSubDomains", "X-Content-Type-Options: nosniff",
            "X-Frame-Options: SAMEORIGIN", "Server: nginx");

    @Benchmark
    public CmsResponse fakeCms() throws IOException {
        return ResponseReader.read(CmsConnection.buffered(new ByteArrayInputStream(fake))).response();
    }

    @Benchmark
    public CmsResponse flotiqShaped() throws IOException {
        return ResponseReader.read(CmsConnection.buffered(new ByteArrayInputStream(flotiq))).response();
    }

    private static byte[] answer(String body, String... headers) {
        StringBuilder s = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (String header : headers) {
            s.append(header).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        s.append("Content-Length: ").append(bytes.length).append("\r\n\r\n").append(body);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
