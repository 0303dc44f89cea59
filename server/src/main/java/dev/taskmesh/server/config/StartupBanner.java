package dev.taskmesh.server.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the server where to find it. */
@Component
class StartupBanner implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            return; // the actuator's own port, whose event reaches this context too
        }
        int port = event.getWebServer().getPort();
        log.info(
                "TaskMesh is up at http://localhost:{}/ (API description: http://localhost:{}/v3/api-docs)",
                port,
                port);
    }
}
