package io.daas.builder.lifecycle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The builds waiting for a slot, one line per tenant, tenants in turn order (round-robin). Not
 * thread-safe: {@link BuildQueue} uses it under its own lock.
 *
 * @param <T> a queued build
 */
final class WaitingBuilds<T> {

    private final Function<T, String> idOf;
    private final Function<T, String> tenantOf;
    /** Tenants with waiting builds, in turn order: the next slot goes to the first one under its cap. */
    private final LinkedHashMap<String, Deque<T>> waiting = new LinkedHashMap<>();

    private int count;

    WaitingBuilds(Function<T, String> idOf, Function<T, String> tenantOf) {
        this.idOf = idOf;
        this.tenantOf = tenantOf;
    }

    void add(T build) {
        waiting.computeIfAbsent(tenantOf.apply(build), t -> new ArrayDeque<>()).addLast(build);
        count++;
    }

    int count() {
        return count;
    }

    int countOf(String tenant) {
        Deque<T> own = waiting.get(tenant);
        return own == null ? 0 : own.size();
    }

    boolean hasAny(String tenant) {
        return waiting.containsKey(tenant);
    }

    /** 1-based place in the round-robin order, or 0 when the build is not waiting. */
    int position(String buildId) {
        List<Deque<T>> queues = new ArrayList<>(waiting.values());
        int place = 0;
        for (int round = 0; ; round++) {
            boolean any = false;
            for (Deque<T> q : queues) {
                if (round < q.size()) {
                    any = true;
                    place++;
                    if (idOf.apply(nth(q, round)).equals(buildId)) {
                        return place;
                    }
                }
            }
            if (!any) {
                return 0;
            }
        }
    }

    /** Takes a waiting build out; null when it was not waiting. */
    T remove(String buildId) {
        for (var entry : waiting.entrySet()) {
            for (T t : entry.getValue()) {
                if (idOf.apply(t).equals(buildId)) {
                    entry.getValue().remove(t);
                    count--;
                    if (entry.getValue().isEmpty()) {
                        waiting.remove(entry.getKey());
                    }
                    return t;
                }
            }
        }
        return null;
    }

    /** The first build of the first tenant in turn that may start one; that tenant goes to the back of the turn. */
    T takeNext(Predicate<String> mayStart) {
        for (var entry : waiting.entrySet()) {
            String tenant = entry.getKey();
            if (mayStart.test(tenant)) {
                Deque<T> own = waiting.remove(tenant);
                T next = own.pollFirst();
                count--;
                if (!own.isEmpty()) {
                    waiting.put(tenant, own);
                }
                return next;
            }
        }
        return null;
    }

    void clear() {
        waiting.clear();
        count = 0;
    }

    private static <T> T nth(Deque<T> q, int n) {
        int i = 0;
        for (T t : q) {
            if (i++ == n) {
                return t;
            }
        }
        throw new IndexOutOfBoundsException(n);
    }
}
