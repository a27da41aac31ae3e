package io.github.incus4j.samples.sandbox;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a newcomer where the application is and what to try, once it is ready. */
@Component
class StartupBanner {

    private static final Log log = LogFactory.getLog(StartupBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String url = "http://localhost:" + web.getWebServer().getPort();
        log.info(String.join(System.lineSeparator(),
                "",
                "Sandbox runner is up at " + url,
                "  the page:    " + url + "/",
                "  run a command in a throw-away container:",
                "    curl -s -H 'Content-Type: application/json' -d '{\"image\":\"busybox\",\"command\":[\"echo\",\"hi\"]}' "
                        + url + "/api/runs",
                "  instances:   curl -s " + url + "/api/instances",
                "  health:      curl -s " + url + "/actuator/health",
                "  events:      curl -N " + url + "/api/events"));
    }
}
