package org.candor.system;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tomcat's side of {@link EdgeProperties}: what it swallows of a body nobody read. */
@Configuration
class EdgeConfig {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EdgeConfig.class);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> swallowLimit(EdgeProperties edge) {
        int bytes = (int) Math.min(Integer.MAX_VALUE, edge.maxSwallowSize().toBytes());
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxSwallowSize(bytes);
                log.info("Tomcat swallows at most {} bytes of an unread request body", bytes);
            }
        });
    }
}
