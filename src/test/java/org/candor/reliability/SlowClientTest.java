package org.candor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.candor.support.H2;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Slow clients over real sockets against the running server, with a small worker pool: more
 * clients than workers declare a large body and send it one byte a second, half of them signed
 * in, half not. Health and the API must answer meanwhile, and the slow bodies must be refused (401
 * at once, 503 past the reads allowed at once, 408 past the body deadline), not wait for.
 */
@ServiceTest
@TestPropertySource(
        properties = {
            "server.tomcat.threads.max=16",
            "server.tomcat.threads.min-spare=4",
            "server.tomcat.connection-timeout=3s",
            "candor.edge.max-body-reads=4",
            "candor.edge.body-read-timeout=3s"
        })
class SlowClientTest {

    static final int SLOW_CLIENTS = 24;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        H2.register(registry);
    }

    @LocalServerPort
    int port;

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    Socket slowClient(boolean signedIn) throws IOException {
        Socket s = new Socket("localhost", port);
        s.setSoTimeout(30_000);
        String head = "POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + (signedIn ? "Authorization: " + basic("northwind:northwind-demo") + "\r\n" : "")
                + "Content-Length: 1000000\r\n\r\n{";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** The status line of what the server answered, or "closed" when it closed without one. */
    static String answer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            byte[] line = new byte[12];
            int n = in.readNBytes(line, 0, 12);
            return n < 12 ? "closed" : new String(line, StandardCharsets.US_ASCII).substring(9, 12);
        } catch (IOException e) {
            return "closed";
        }
    }

    /** A GET over a fresh connection; the status it was answered with, within 10 seconds. */
    String get(String path, String authorization) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return answer(s);
        }
    }

    /**
     * A whole POST with a small body over a fresh connection: the answer's head (status line and
     * headers) and body, as the server sent them, within 10 seconds.
     */
    String post(String authorization) throws IOException {
        return post(authorization, false);
    }

    /** As {@link #post(String)}, the body sent in chunks (no declared length) when {@code chunked}. */
    String post(String authorization, boolean chunked) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(10_000);
            String body = "{}";
            String request = "POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length() + "\r\n")
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n"
                    + (chunked ? Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n" : body);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String status(String answer) {
        return answer.length() < 12 ? "closed" : answer.substring(9, 12);
    }

    /** The first answer of {@code post} with that status within 10 s, or the last one seen. */
    String postUntil(String authorization, String wanted) throws Exception {
        String last = "";
        for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end; Thread.sleep(100)) {
            last = post(authorization);
            if (status(last).equals(wanted)) {
                break;
            }
        }
        return last;
    }

    @Test
    void whileEveryBodyPlaceIsTakenABodyWithCredentialsIsRefusedBeforeTheSignInOneWithoutGetsItsSignIn()
            throws Exception {
        String wrong = basic("northwind:not-the-password");
        assertThat(status(post(wrong)))
                .as("credentials checked while places are free")
                .isEqualTo("401");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // candor.edge.max-body-reads
                slow.add(slowClient(true));
            }
            String refused = postUntil(wrong, "503");
            assertThat(status(refused))
                    .as("refused before its credentials are checked")
                    .isEqualTo("503");
            assertThat(refused)
                    .containsIgnoringCase("Retry-After: 5")
                    .containsIgnoringCase("Connection: close")
                    .contains("\"title\":\"Busy\"")
                    .contains("\"status\":503")
                    .contains("\"instance\":\"/api/v1/evaluations\"");
            assertThat(status(post(wrong, true)))
                    .as("a body in chunks, without a declared length, refused alike")
                    .isEqualTo("503");
            assertThat(status(post(null)))
                    .as("no credentials: the sign-in answers")
                    .isEqualTo("401");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        assertThat(status(postUntil(wrong, "401")))
                .as("credentials checked again once the slow bodies are gone")
                .isEqualTo("401");
    }

    @Test
    void healthAndTheApiAnswerWhileSlowClientsSendBodiesByteByByte() throws Exception {
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slow.add(slowClient(i % 2 == 0));
        }
        AtomicBoolean attacking = new AtomicBoolean(true);
        Thread trickle = new Thread(() -> {
            while (attacking.get()) {
                for (Socket s : slow) {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(' ');
                        out.flush();
                    } catch (IOException closed) {
                        // the server gave up on this one: what the test wants
                    }
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        trickle.start();
        try {
            Thread.sleep(1_500);
            for (int i = 0; i < 5; i++) {
                assertThat(get("/actuator/health", null))
                        .as("health during the attack")
                        .isEqualTo("200");
                assertThat(get("/api/v1/evaluations", basic("officer:officer-demo")))
                        .as("the API during the attack")
                        .isEqualTo("200");
                Thread.sleep(500);
            }
        } finally {
            attacking.set(false);
            trickle.join();
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < slow.size(); i++) {
            try (Socket s = slow.get(i)) {
                String a = answer(s);
                answers.add(a);
                if (i % 2 == 1) {
                    assertThat(a).as("a client that did not sign in").isIn("401", "closed");
                } else {
                    assertThat(a).as("a signed-in slow client").isIn("408", "503", "closed");
                }
            }
        }
        assertThat(answers).as("the slow bodies were refused, not waited for").contains("408", "503");
    }
}
