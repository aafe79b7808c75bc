package io.daas.builder.api;

import io.daas.builder.builds.Build;
import io.daas.builder.builds.BuildView;
import io.daas.builder.lifecycle.ScopedLog;
import io.daas.builder.logs.LogChunk;
import io.daas.builder.logs.NumberedLine;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.ObjectMapper;

/**
 * One client's live log: replays stored lines, then sends new ones as they come, each as an SSE
 * event whose id is the line's number; ends with a {@code status} event. Runs on a shared writer
 * pool, at most one pass at a time (a signal during a pass makes one more pass).
 */
final class SseLogStream implements Runnable {

    static final int PAGE = 1000;
    private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

    private final ScopedLog log;
    private final SseEmitter emitter;
    private final ObjectMapper json;
    private final Executor writers;
    private final Consumer<SseLogStream> onEnd;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean ended;
    private volatile boolean keepAliveDue;
    private volatile Runnable unfollow = () -> {};
    private long after;

    SseLogStream(
            ScopedLog log,
            long after,
            SseEmitter emitter,
            ObjectMapper json,
            Executor writers,
            Consumer<SseLogStream> onEnd) {
        this.log = log;
        this.after = after;
        this.emitter = emitter;
        this.json = json;
        this.writers = writers;
        this.onEnd = onEnd;
    }

    void start() {
        emitter.onCompletion(this::stop);
        emitter.onTimeout(this::stop);
        emitter.onError(e -> stop());
        unfollow = log.follow(this::signal);
        signal();
    }

    void keepAlive() {
        keepAliveDue = true;
        signal();
    }

    void signal() {
        if (!ended && pending.getAndIncrement() == 0) {
            try {
                writers.execute(this);
            } catch (RuntimeException e) {
                stop();
            }
        }
    }

    @Override
    public void run() {
        int passes = 1;
        do {
            pass();
            passes = pending.addAndGet(-passes);
        } while (passes != 0);
    }

    private void pass() {
        if (ended) {
            return;
        }
        try {
            while (true) {
                LogChunk chunk = log.read(after, PAGE);
                if (!chunk.lines().isEmpty()) {
                    send(events(chunk));
                    after = chunk.lines().get(chunk.lines().size() - 1).seq();
                    keepAliveDue = false;
                }
                if (chunk.complete()) {
                    send(statusEvent(log.build()));
                    stop();
                    emitter.complete();
                    return;
                }
                if (chunk.lines().size() < PAGE) {
                    break;
                }
            }
            if (keepAliveDue) {
                keepAliveDue = false;
                send(":keepalive\n\n");
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or the build is gone: nothing more to send
            stop();
            emitter.completeWithError(e);
        }
    }

    private String events(LogChunk chunk) {
        StringBuilder sb = new StringBuilder(chunk.lines().size() * 48);
        for (NumberedLine line : chunk.lines()) {
            sb.append("id: ").append(line.seq()).append('\n');
            String text = line.text();
            if (text.indexOf('\r') < 0) {
                sb.append("data: ").append(text).append('\n');
            } else {
                // a lone CR would end the SSE line early: send it as a line break inside the event
                for (String part : text.split("\r", -1)) {
                    sb.append("data: ").append(part).append('\n');
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String statusEvent(Build b) {
        return "event: status\ndata: "
                + json.writeValueAsString(BuildView.of(b, null, null).statusEvent(after)) + "\n\n";
    }

    private void send(String text) throws IOException {
        emitter.send(Set.of(new DataWithMediaType(text, TEXT)));
    }

    /** The tenant that holds this stream open. */
    String tenant() {
        return log.tenant();
    }

    void stop() {
        if (!ended) {
            ended = true;
            unfollow.run();
            onEnd.accept(this);
        }
    }
}
