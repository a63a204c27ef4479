package org.candor.system;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says where the service can be opened once it takes requests (its rules built, its database
 * migrated): "Candor is ready at http://127.0.0.1:8080/", with the port it listens on.
 */
@Component
class ReadyAnnouncer implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(ReadyAnnouncer.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
            return;
        }
        log.info(
                "Candor is ready at {}",
                url(
                        event.getApplicationContext().getEnvironment(),
                        web.getWebServer().getPort()));
    }

    /** The address to open: the one listened on, or the loopback address when it listens on all. */
    static String url(Environment env, int port) {
        String address = env.getProperty("server.address");
        String host;
        if (address == null || address.isBlank()) {
            host = "localhost";
        } else {
            try {
                InetAddress a = InetAddress.getByName(address);
                host = a.isAnyLocalAddress() ? "localhost" : a.getHostAddress();
                if (host.contains(":")) {
                    host = "[" + host + "]";
                }
            } catch (java.net.UnknownHostException e) {
                host = address;
            }
        }
        String context = env.getProperty("server.servlet.context-path", "");
        if (context.endsWith("/")) {
            context = context.substring(0, context.length() - 1);
        }
        return "http://" + host + ":" + port + context + "/";
    }
}
