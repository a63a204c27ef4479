package org.candor.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.candor.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * A burst of new connections while the service accepts none (its acceptor paused here; under load,
 * an acceptor thread that waits for a processor) waits in the listen backlog ({@code
 * server.tomcat.accept-count}) instead of being dropped. A connection attempt the kernel drops
 * because the backlog is full is sent again by the client's kernel only after a second, then
 * three, then seven: an overloaded service that refuses with 503 (which closes the connection, so
 * every refused client connects again) would otherwise add seconds to its clients' waits and time
 * some of them out. With Tomcat's default backlog of 100 most of this burst is dropped.
 */
@ServiceTest
class ConnectionBurstTest {

    /** More than Tomcat's default backlog of 100, less than the service's. */
    static final int BURST = 400;

    @Autowired
    ServletWebServerApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void aBurstOfNewConnectionsWaitsInTheBacklogWhileNoneIsAcceptedAndEachIsAnsweredAfter() throws Exception {
        int kernelCap = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn"))
                .get(0)
                .trim());
        assertThat(kernelCap)
                .as("net.core.somaxconn caps every listen backlog on this machine")
                .isGreaterThanOrEqualTo(BURST);
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        List<SocketChannel> connected = new ArrayList<>();
        List<SocketChannel> all = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            connector.pause();
            try {
                for (int i = 0; i < BURST; i++) {
                    SocketChannel c = SocketChannel.open();
                    all.add(c);
                    c.configureBlocking(false);
                    if (c.connect(new InetSocketAddress("127.0.0.1", port))) {
                        connected.add(c);
                    } else {
                        c.register(selector, SelectionKey.OP_CONNECT);
                    }
                }
                // Less than the second after which a dropped attempt is sent again.
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
                long left;
                while (connected.size() < BURST && (left = end - System.nanoTime()) > 0) {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel c = (SocketChannel) key.channel();
                        if (c.finishConnect()) {
                            key.cancel();
                            connected.add(c);
                        }
                    }
                    selector.selectedKeys().clear();
                }
                assertThat(connected)
                        .as("connections held by the backlog while none is accepted")
                        .hasSize(BURST);
            } finally {
                connector.resume();
            }
            for (SocketChannel c : connected) {
                assertThat(health(c)).isEqualTo("200");
            }
        } finally {
            for (SocketChannel c : all) {
                c.close();
            }
        }
    }

    /** The status of GET /actuator/health sent on a connection once the service accepts it. */
    static String health(SocketChannel channel) throws IOException {
        channel.configureBlocking(true);
        Socket s = channel.socket();
        s.setSoTimeout(10_000);
        s.getOutputStream()
                .write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
        byte[] line = s.getInputStream().readNBytes(12);
        return line.length < 12 ? "closed" : new String(line, StandardCharsets.US_ASCII).substring(9, 12);
    }
}
