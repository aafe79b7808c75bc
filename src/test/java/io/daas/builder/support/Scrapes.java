package io.daas.builder.support;

/** Prometheus scrapes as tests read them: without the {@code replica} tag that every meter carries. */
public final class Scrapes {

    private Scrapes() {}

    /** The scrape with {@code replica="..."} taken out of every series, so series read as before replicas. */
    public static String withoutReplica(String scrape) {
        return scrape.replaceAll("\\{replica=\"[^\"]*\",?", "{")
                .replaceAll(",replica=\"[^\"]*\"", "")
                .replace("{} ", " ");
    }
}
