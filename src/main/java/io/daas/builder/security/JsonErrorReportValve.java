package io.daas.builder.security;

import io.daas.builder.errors.ErrorAnswer;
import io.daas.builder.errors.ErrorEnvelope;
import java.io.IOException;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some requests before any filter or controller sees them (an encoded slash or NUL
 * in the path, invalid UTF-8): this valve makes those answers the JSON error envelope too, with the
 * security headers, instead of Tomcat's HTML page.
 */
final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            HttpStatus known = HttpStatus.resolve(status);
            String reason = known == null ? "Error" : known.getReasonPhrase();
            response.resetBuffer();
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            ErrorEnvelope.write(
                    response,
                    ErrorAnswer.ofStatus(
                            status,
                            reason,
                            "The request was refused before it reached the API (" + status + " " + reason
                                    + "): check the path and its encoding"));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response is committed: nothing more to say
        }
    }

    /** Puts this valve in place of Tomcat's HTML error report once the server runs. */
    static final class Installer implements ApplicationListener<WebServerInitializedEvent> {

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if (!(event.getWebServer() instanceof TomcatWebServer tomcat)) {
                return;
            }
            var pipeline = tomcat.getTomcat().getHost().getPipeline();
            for (Valve valve : pipeline.getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
                    pipeline.removeValve(valve);
                }
            }
            pipeline.addValve(new JsonErrorReportValve());
        }
    }
}
