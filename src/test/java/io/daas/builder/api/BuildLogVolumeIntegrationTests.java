package io.daas.builder.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.daas.builder.support.Bundles;
import io.daas.builder.support.ServiceIntegrationTest;
import io.daas.builder.support.Sse;
import io.daas.builder.support.TestEngine;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BuildLogVolumeIntegrationTests extends ServiceIntegrationTest {

    private static final int LINES = 200_000;
    private static final long MB = 1024 * 1024;

    @Test
    void aBuildPrinting200000LinesKeepsEveryLineInOrderAndTheHeapStaysFlat() throws Exception {
        String bundleId = api.upload(Bundles.dockerfile("FROM " + TestEngine.BUSYBOX + "\nRUN seq 1 " + LINES + "\n"));
        long baseline = heapAfterGc();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(heapAfterGc(), Math::max);
                sleep(2000);
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        String id = api.startBuild(bundleId, "{\"noCache\":true}");
        long expected = 1;
        long events = 0;
        long lastId = 0;
        String end = null;
        try (Sse sse = Sse.open("http://127.0.0.1:" + port + "/api/docker/build/" + id + "/logs", null)) {
            Sse.Event e;
            while ((e = sse.next()) != null) {
                if (e.type().equals("status")) {
                    end = e.data();
                    break;
                }
                events++;
                long seq = Long.parseLong(e.id());
                assertThat(seq).as("ids without gaps or repeats").isEqualTo(lastId + 1);
                lastId = seq;
                if (e.data().equals(String.valueOf(expected))) {
                    expected++;
                }
            }
        } finally {
            sampling.set(false);
            sampler.join();
            TestEngine.removeImage("daas-app:" + id);
        }
        assertThat(end).contains("\"status\":\"success\"");
        assertThat(expected - 1)
                .as("every number reached the live stream, in order")
                .isEqualTo(LINES);

        long grown = (peak.get() - baseline) / MB;
        System.out.printf(
                "200k-line build: %d events; heap after GC %d MB at start, peak %d MB (+%d MB)%n",
                events, baseline / MB, peak.get() / MB, grown);
        assertThat(grown).as("heap growth in MB").isLessThan(100);

        JsonNode data = api.get("/api/docker/build/" + id).json().path("data");
        assertThat(data.path("logs").size()).isEqualTo(100);
        assertThat(data.path("logs").toString()).contains("\"" + LINES + "\"");
        assertThat(data.path("logTruncated").asBoolean()).isFalse();

        String text = api.get("/api/docker/build/" + id + "/logs?follow=false").body();
        assertThat(text.lines().count()).isEqualTo(events);
        assertThat(text).contains("\n1\n2\n3\n").contains("\n199999\n200000\n");
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
