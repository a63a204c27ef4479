package org.candor.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client of the service on a local port, as one user. */
final class Client {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String authorization;

    Client(int port, String username, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", authorization);
    }

    HttpResponse<String> submit(byte[] campaign) throws IOException, InterruptedException {
        return HTTP.send(
                request("/api/v1/evaluations")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(campaign))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * A PUT with a precondition: {@code If-Match} with the version it was made on, or {@code
     * If-None-Match: *} when {@code etag} is null (creating).
     */
    HttpResponse<String> put(String path, String contentType, byte[] body, String etag)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", contentType);
        if (etag == null) {
            b.header("If-None-Match", "*");
        } else {
            b.header("If-Match", etag);
        }
        return HTTP.send(
                b.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(
                request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
