package org.candor.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code candor.edge.*}: how long and how many request bodies may be read at once, so that clients
 * sending slowly cannot hold the server's worker threads. Tomcat's own timeouts ({@code
 * server.tomcat.connection-timeout}, {@code keep-alive-timeout}) bound each wait for bytes; these
 * bound the whole body and the number of bodies in flight.
 *
 * @param bodyReadTimeout the longest a request body may take to arrive, from its first read
 *     (default 30 seconds); a slower body is answered 408 and its connection closed
 * @param maxBodyReads request bodies read at once at most (default 100, half of Tomcat's 200
 *     workers); one more is answered 503 with Retry-After at once, so health checks and reads
 *     always find a worker
 * @param maxSwallowSize the most of an unread body (a refused or unauthenticated request) Tomcat
 *     reads and throws away to keep the connection (default 0: the connection is closed instead,
 *     so a slow sender of a refused body holds no worker)
 */
@ConfigurationProperties("candor.edge")
public record EdgeProperties(Duration bodyReadTimeout, Integer maxBodyReads, DataSize maxSwallowSize) {
    public EdgeProperties {
        bodyReadTimeout = bodyReadTimeout == null ? Duration.ofSeconds(30) : bodyReadTimeout;
        maxBodyReads = maxBodyReads == null ? 100 : maxBodyReads;
        maxSwallowSize = maxSwallowSize == null ? DataSize.ofBytes(0) : maxSwallowSize;
        if (bodyReadTimeout.isNegative()
                || bodyReadTimeout.isZero()
                || maxBodyReads < 1
                || maxSwallowSize.isNegative()) {
            throw new IllegalArgumentException(
                    "candor.edge.body-read-timeout and max-body-reads must be positive, max-swallow-size not negative");
        }
    }
}
