package io.daas.builder.security;

import io.daas.builder.security.HostileInputIntegrationTests.Case;
import io.daas.builder.support.Bundles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.io.JsonStringEncoder;

/** The hostile-input corpus: every endpoint, every field, as a flat list of requests. */
final class HostileCases {

    private static final String JSON = "application/json";
    private static final String BUNDLE = HostileInputIntegrationTests.B;
    private static final String HEX64 = "a".repeat(64);

    private final List<Case> cases = new ArrayList<>();

    private HostileCases() {}

    static List<Case> all(int canaryPort) {
        HostileCases c = new HostileCases();
        c.authentication();
        c.bodies();
        c.bundleIds();
        c.options();
        c.argsAndLabels();
        c.wallets();
        c.registries(canaryPort);
        c.sizes();
        c.pathsAndMethods();
        c.bundleUploads();
        c.numericHostsAndTenancy(canaryPort);
        return c.cases;
    }

    private void authentication() {
        String[][] endpoints = {
            {"GET", "/api/docker/builds"},
            {"GET", "/api/docker/build/x"},
            {"DELETE", "/api/docker/build/x"},
            {"POST", "/api/docker/build"},
            {"POST", "/api/docker/bundles"},
            {"POST", "/api/docker/push"},
            {"GET", "/v3/api-docs"},
            {"GET", "/actuator/prometheus"}
        };
        for (String[] e : endpoints) {
            add("no token " + e[0] + " " + e[1], e[0], e[1], JSON, "{}", false);
        }
        // Wrong tokens are sent as headers by the test client: see withToken; here, raw header variants.
    }

    private void bodies() {
        for (String body : new String[] {
            "[1,2]",
            "\"text\"",
            "123",
            "true",
            "null",
            "{}",
            "{\"bundleId\":null}",
            "{\"bundleId\": ",
            "{",
            "}",
            "{\"bundleId\":\"" + BUNDLE + "\"} trailing",
            "{'bundleId':'x'}",
            "{\"bundleId\":\"" + BUNDLE + "\",}",
            "\u0000\u0001\u0002",
            "{\"bundleId\":\"" + BUNDLE + "\",\"bundleId\":\"" + HEX64 + "\"}",
            "{\"bundleId\":\"" + BUNDLE + "\",\"extra\":1}",
            "{\"bundleId\":\"" + BUNDLE + "\",\"__proto__\":{}}",
            "{\"bundleId\":\"" + BUNDLE + "\",\"constructor\":{\"prototype\":{}}}",
            "{\"bundleId\":\"" + BUNDLE + "\",\"buildOptions\":{\"extra\":true}}",
            "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"token\":\"x\"}}",
            "[".repeat(5000) + "]".repeat(5000)
        }) {
            build("body " + shorten(body), body);
        }
        add("text/plain body", "POST", "/api/docker/build", "text/plain", "{\"bundleId\":\"" + BUNDLE + "\"}", true);
        add("xml body", "POST", "/api/docker/build", "application/xml", "<bundleId>x</bundleId>", true);
        add("no content type", "POST", "/api/docker/build", null, "{\"bundleId\":\"" + BUNDLE + "\"}", true);
        add("form body", "POST", "/api/docker/build", "application/x-www-form-urlencoded", "bundleId=x", true);
        add("json with odd charset", "POST", "/api/docker/build", "application/json;charset=x-evil", "{}", true);
    }

    private void bundleIds() {
        for (String id : new String[] {
            "123",
            "true",
            "[]",
            "{}",
            "\"\"",
            "\"   \"",
            "\"../../etc/passwd\"",
            "\"" + HEX64 + "0\"",
            "\"" + "A".repeat(64) + "\"",
            "\"" + "ａ".repeat(64) + "\"",
            "\"' OR 1=1 --\"",
            "\"x\\u0000y\"",
            "\"" + "b".repeat(10_000) + "\"",
            "\"%2e%2e%2f\"",
            "\"$(id)\"",
            "\"" + HEX64 + "\\n\"",
            "\"" + "0".repeat(64) + "\""
        }) {
            build("bundleId " + shorten(id), "{\"bundleId\":" + id + "}");
        }
    }

    private void options() {
        for (String o : new String[] {
            "\"x\"",
            "[]",
            "1",
            "{\"platform\":1}",
            "{\"platform\":\"windows/amd64\"}",
            "{\"platform\":\"linux/amd64; rm -rf /\"}",
            "{\"platform\":\"\"}",
            "{\"platform\":\"LINUX/AMD64\"}",
            "{\"dockerfile\":\"/etc/passwd\"}",
            "{\"dockerfile\":\"../Dockerfile\"}",
            "{\"dockerfile\":\"a/../../b\"}",
            "{\"dockerfile\":\"C:\\\\x\"}",
            "{\"dockerfile\":\"a\\u0000b\"}",
            "{\"dockerfile\":\"\"}",
            "{\"dockerfile\":\"" + "x".repeat(2000) + "\"}",
            "{\"dockerfile\":\"\\\\\\\\server\\\\share\"}",
            "{\"dockerfile\":\"a\\nb\"}",
            "{\"dockerfile\":[]}",
            "{\"target\":\"-x\"}",
            "{\"target\":\"a b\"}",
            "{\"target\":\"$(id)\"}",
            "{\"target\":\"\"}",
            "{\"target\":\"" + "x".repeat(200) + "\"}",
            "{\"target\":1}",
            "{\"target\":\"st\\u202eage\"}",
            "{\"noCache\":\"yes\"}",
            "{\"noCache\":1}",
            "{\"noCache\":\"true\"}",
            "{\"noCache\":{}}",
            "{\"language\":\"cobol\"}",
            "{\"directory\":\"../../etc\"}",
            "{\"directory\":\"/etc\"}",
            "{\"outputDir\":\"..\"}",
            "{\"startCommand\":\"a\\nb\"}",
            "{\"installCommand\":\"npm ci \\\\\"}",
            "{\"buildCommand\":\"make \\\\  \"}",
            "{\"startCommand\":\"a\\rADD http://127.0.0.1:5000/v2/_catalog /x\"}",
            "{\"outputDir\":\"dist /\"}",
            "{\"outputDir\":\"$HOME\"}",
            "{\"version\":\"20\\nADD x /y\"}",
            "{\"installCommand\":\"\"}",
            "{\"buildCommand\":\"" + "x".repeat(5000) + "\"}",
            "{\"port\":0}",
            "{\"port\":70000}",
            "{\"port\":{}}",
            "{\"osPackages\":[\"curl; rm -rf /\"]}",
            "{\"osPackages\":[\"-o Dpkg::Options\"]}",
            "{\"osPackages\":\"curl\"}",
            "{\"buildEnv\":{\"A B\":\"1\"}}",
            "{\"runEnv\":{\"DB_PASSWORD\":\"x\"}}",
            "{\"runEnv\":{\"A\":\"a\\nb\"}}",
            "{\"version\":\"$(id)\"}"
        }) {
            build("buildOptions " + shorten(o), "{\"bundleId\":\"" + BUNDLE + "\",\"buildOptions\":" + o + "}");
        }
    }

    private void argsAndLabels() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("list", "[]");
        args.put("string", "\"x\"");
        args.put("number value", "{\"A\":1}");
        args.put("null value", "{\"A\":null}");
        args.put("object value", "{\"A\":{\"b\":1}}");
        args.put("BUILDKIT_INLINE_CACHE", "{\"BUILDKIT_INLINE_CACHE\":\"1\"}");
        args.put("buildkit_syntax lower", "{\"buildkit_syntax\":\"evil/frontend\"}");
        args.put("BUILDKIT_SYNTAX", "{\"BUILDKIT_SYNTAX\":\"docker/dockerfile:1\"}");
        args.put("BUILDKIT_CONTEXT_KEEP_GIT_DIR", "{\"BUILDKIT_CONTEXT_KEEP_GIT_DIR\":\"1\"}");
        args.put("HTTP_PROXY", "{\"HTTP_PROXY\":\"http://10.0.0.1:3128\"}");
        args.put("https_proxy", "{\"https_proxy\":\"http://169.254.169.254\"}");
        args.put("NO_PROXY", "{\"NO_PROXY\":\"*\"}");
        args.put("DOCKER_HOST", "{\"DOCKER_HOST\":\"tcp://10.0.0.1:2375\"}");
        args.put("TARGETPLATFORM", "{\"TARGETPLATFORM\":\"linux/s390x\"}");
        args.put("SOURCE_DATE_EPOCH", "{\"SOURCE_DATE_EPOCH\":\"0\"}");
        args.put("key with space", "{\"A B\":\"x\"}");
        args.put("key with newline", "{\"A\\nB\":\"x\"}");
        args.put("empty key", "{\"\":\"x\"}");
        args.put("value newline", "{\"A\":\"x\\ny\"}");
        args.put("value CR", "{\"A\":\"x\\ry\"}");
        args.put("value NUL", "{\"A\":\"\\u0000\"}");
        args.put("value line separator", "{\"A\":\"a\\u2028b\"}");
        args.put("value escape sequence", "{\"A\":\"\\u001b[31mred\"}");
        args.put("value too long", "{\"A\":\"" + "x".repeat(5000) + "\"}");
        args.put("shell key", "{\"$(id)\":\"x\"}");
        args.put("unicode key", "{\"ÄRG\":\"x\"}");
        args.put("digit key", "{\"1A\":\"x\"}");
        args.put("json injection key", "{\"A\\\",\\\"B\":\"x\"}");
        args.put("secret name NPM_TOKEN", "{\"NPM_TOKEN\":\"npm_secret_value\"}");
        args.put("secret name DB_PASS", "{\"DB_PASS\":\"hunter2-value\"}");
        args.put("secret name sshKey", "{\"sshKey\":\"ssh-value\"}");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append("\"K").append(i).append("\":\"v\"");
        }
        args.put("101 entries", many.append("}").toString());
        args.forEach((name, json) -> build(
                "buildArgs " + name,
                "{\"bundleId\":\"" + BUNDLE + "\",\"buildOptions\":{\"buildArgs\":" + json + "}}"));
        build(
                "labels secret name vault.token",
                "{\"bundleId\":\"" + BUNDLE + "\",\"buildOptions\":{\"labels\":{\"vault.token\":\"label-value\"}}}");

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("daas.wallet not an address", "{\"daas.wallet\":\"0x" + HEX64 + "0\"}");
        labels.put("daas.build.id", "{\"daas.build.id\":\"other\"}");
        labels.put("DAAS.BUILD.ID", "{\"DAAS.BUILD.ID\":\"other\"}");
        labels.put("DAAS.Wallet", "{\"DAAS.Wallet\":\"x\"}");
        labels.put("quote key", "{\"a\\\"b\":\"x\"}");
        labels.put("dash first", "{\"-a\":\"x\"}");
        labels.put("newline value", "{\"a\":\"x\\n\"}");
        labels.put("space key", "{\"a b\":\"c\"}");
        labels.put("long value", "{\"a\":\"" + "x".repeat(5000) + "\"}");
        labels.put("number value", "{\"a\":1}");
        labels.put("boolean value", "{\"a\":true}");
        labels.put("list", "[]");
        labels.put("html key", "{\"<script>\":\"x\"}");
        labels.forEach((name, json) -> build(
                "labels " + name, "{\"bundleId\":\"" + BUNDLE + "\",\"buildOptions\":{\"labels\":" + json + "}}"));
    }

    private void wallets() {
        for (String w : new String[] {
            "\"0x123\"",
            "\"0x" + "g".repeat(64) + "\"",
            "\"abc\"",
            "1",
            "\"0x" + "a".repeat(65) + "\"",
            "\"0x" + HEX64 + "\\n\"",
            "\"0X" + HEX64 + "\"",
            "\"\"",
            "{\"a\":1}",
            "\"0x" + "١".repeat(64) + "\"",
            "\"" + HEX64 + "\"",
            "\"0x" + HEX64 + "' OR '1'='1\""
        }) {
            build("walletAddress " + shorten(w), "{\"bundleId\":\"" + BUNDLE + "\",\"walletAddress\":" + w + "}");
        }
        build(
                "walletAddress and daas.wallet label differ",
                "{\"bundleId\":\"" + BUNDLE + "\",\"walletAddress\":\"0x" + HEX64
                        + "\",\"buildOptions\":{\"labels\":{\"daas.wallet\":\"0x" + "b".repeat(64) + "\"}}}");
        for (String q :
                new String[] {"xyz", "0x123", "0x" + HEX64 + "%0A", "%27%20OR%201%3D1", "0x" + "z".repeat(64)}) {
            add("list walletAddress " + q, "GET", "/api/docker/builds?walletAddress=" + q, null, null, true);
        }
        add("list includeLogs maybe", "GET", "/api/docker/builds?includeLogs=maybe", null, null, true);
        for (String q : new String[] {
            "limit=0", "limit=1001", "limit=abc", "limit=99999999999999999999", "limit=1%3B%20DROP%20TABLE%20builds",
            "offset=-1", "offset=1e9", "status=DONE%27", "status=%00", "limit="
        }) {
            add("list " + q, "GET", "/api/docker/builds?" + q, null, null, true);
        }
    }

    private void registries(int canary) {
        String[] urls = {
            "10.0.0.1",
            "http://10.0.0.1",
            "10.0.0.1:5000",
            "172.16.0.1",
            "172.31.255.255:443",
            "192.168.0.1",
            "https://192.168.1.1/",
            "169.254.169.254",
            "http://169.254.169.254",
            "[fd00:ec2::254]",
            "[fe80::1]:5000",
            "127.0.0.1:" + canary,
            "localhost:" + canary,
            "[::1]:" + canary,
            "http://127.0.0.1:" + canary + "/",
            "0.0.0.0:" + canary,
            "127.1:" + canary,
            "2130706433:" + canary,
            "[::ffff:127.0.0.1]:" + canary,
            "[::ffff:a9fe:a9fe]",
            "100.100.100.200",
            "224.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "user:pass@registry.example.com",
            "registry.example.com/path",
            "registry.example.com:99999",
            "registry.example.com:0",
            "reg istry.example.com",
            "-bad.example.com",
            "ftp://registry.example.com",
            "file:///etc/passwd",
            "gopher://127.0.0.1:6379",
            "registry.example.com?x=1",
            "registry.example.com#x",
            "evil.com\r\nHost: x",
            "127.0.0.1%00.example.com",
            "ｒｅｇｉｓｔｒｙ.com",
            "x".repeat(300),
            ""
        };
        for (String u : urls) {
            build(
                    "registry.url " + shorten(u),
                    "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"url\":" + q(u) + "}}");
        }
        for (String json : new String[] {"1", "[]", "{}", "true"}) {
            build("registry.url type " + json, "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"url\":" + json + "}}");
        }
        for (String ns :
                new String[] {"../x", "a//b", "/a", "a/", "a b", "a;rm -rf", "-a", "a..b", "é", "x".repeat(300)}) {
            build(
                    "registry.namespace " + shorten(ns),
                    "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"namespace\":" + q(ns) + "}}");
        }
        build("registry.username newline", "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"username\":\"a\\nb\"}}");
        build("registry.username empty", "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"username\":\"\"}}");
        build("registry.password NUL", "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"password\":\"a\\u0000b\"}}");
        build("registry.password list", "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"password\":[]}}");
        build("registry as string", "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":\"10.0.0.1\"}");
    }

    private void sizes() {
        String big = "{\"bundleId\":\"" + BUNDLE + "\",\"buildOptions\":{\"labels\":{\"a\":\"" + "x".repeat(1_100_000)
                + "\"}}}";
        build("body over 1 MiB", big);
        build("padding over 1 MiB", " ".repeat(1_048_577) + "{}");
        add("GET with body over 1 MiB", "GET", "/api/docker/builds", JSON, " ".repeat(1_200_000), true);
    }

    private void pathsAndMethods() {
        for (String p : new String[] {
            "/api/docker/build/%252e%252e%252fetc",
            "/api/docker/build/'%20OR%20'1'='1",
            "/api/docker/build/%3Cscript%3E",
            "/api/docker/build/" + "a".repeat(5000),
            "/api/docker/build/%E2%80%AE",
            "/api/docker/build/%F0%9F%92%A3",
            "/api/docker/build/00000000-0000-0000-0000-000000000000",
            "/api/docker/build/x;y",
            "/api/docker/nothing",
            "/api/docker/build/..%2F..%2Fetc%2Fpasswd",
            "/api/docker/build/%00",
            "/api/docker/build/%ff",
            "/api/docker/build/%c0%ae%c0%ae"
        }) {
            add("GET " + shorten(p), "GET", p, null, null, true);
            add("DELETE " + shorten(p), "DELETE", p, null, null, true);
        }
        add("PUT build", "PUT", "/api/docker/build", JSON, "{}", true);
        add("PATCH build", "PATCH", "/api/docker/build/x", JSON, "{}", true);
        add("DELETE builds", "DELETE", "/api/docker/builds", null, null, true);
        add("POST build id", "POST", "/api/docker/build/abc", JSON, "{}", true);
        add("GET bundles", "GET", "/api/docker/bundles", null, null, true);
        add("POST health", "POST", "/health", JSON, "{}", false);
        add("DELETE health", "DELETE", "/api/docker/health", null, null, false);
    }

    private void bundleUploads() {
        add("empty bundle", "POST", "/api/docker/bundles", "application/gzip", "", true);
        add("text as bundle", "POST", "/api/docker/bundles", "application/gzip", "not an archive", true);
        add("json as bundle", "POST", "/api/docker/bundles", JSON, "{\"bundleId\":\"x\"}", true);
        add("gzip garbage", "POST", "/api/docker/bundles", "application/gzip", "\u001f\u008b\b\u0000garbage", true);
        add(
                "multipart without bundle part",
                "POST",
                "/api/docker/bundles",
                "multipart/form-data; boundary=XX",
                "--XX\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XX--\r\n",
                true);
        add("multipart broken", "POST", "/api/docker/bundles", "multipart/form-data; boundary=XX", "garbage", true);
        cases.add(new Case(
                "tar with ../ entry",
                "POST",
                "/api/docker/bundles",
                "application/gzip",
                Bundles.targz(Map.of("../evil", "x", "Dockerfile", "FROM scratch")),
                true));
        add("bundle upload without token", "POST", "/api/docker/bundles", "application/gzip", "x", false);
    }

    /** Issue 12: odd IPv4 spellings of the canary, admin-only endpoints, other tenants' logs. */
    private void numericHostsAndTenancy(int canary) {
        for (String host : new String[] {
            "0177.0.0.1", "0x7f.1", "0x7f000001", "2130706433", "127.1", "017700000001", "0x7f.0.0.1", "127.0.0.01"
        }) {
            build(
                    "registry.url numeric form " + host,
                    "{\"bundleId\":\"" + BUNDLE + "\",\"registry\":{\"url\":" + q(host + ":" + canary) + "}}");
            build(
                    "callbackUrl numeric form " + host,
                    "{\"bundleId\":\"" + BUNDLE + "\",\"callbackUrl\":" + q("http://" + host + ":" + canary + "/hook")
                            + "}");
            add(
                    "push to numeric form " + host,
                    "POST",
                    "/api/docker/push",
                    JSON,
                    "{\"buildId\":\"00000000-0000-0000-0000-000000000000\",\"registry\":{\"url\":"
                            + q(host + ":" + canary) + "}}",
                    true);
        }
        for (String path : new String[] {
            "/actuator/prometheus", "/actuator/metrics", "/actuator/health/engine", "/actuator/env", "/actuator/info"
        }) {
            add("tenant token on " + path, "GET", path, null, null, true);
        }
        for (String path : new String[] {
            "/api/docker/build/00000000-0000-0000-0000-000000000000/logs",
            "/api/docker/build/00000000-0000-0000-0000-000000000000/logs?follow=false",
            "/api/docker/build/00000000-0000-0000-0000-000000000000/logs?since=-5",
            "/api/docker/build/00000000-0000-0000-0000-000000000000/dockerfile"
        }) {
            add("unknown build " + path, "GET", path, null, null, true);
        }
        add("plan of an unknown bundle", "POST", "/api/docker/plan", JSON, "{\"bundleId\":\"" + HEX64 + "\"}", true);
        add("plan of a bad bundle id", "POST", "/api/docker/plan", JSON, "{\"bundleId\":\"../x\"}", true);
    }

    private void build(String name, String json) {
        add(name, "POST", "/api/docker/build", JSON, json, true);
    }

    private void add(String name, String method, String path, String contentType, String body, boolean token) {
        cases.add(new Case(
                name, method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), token));
    }

    private static String q(String s) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsCharArray(s)) + '"';
    }

    private static String shorten(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 60 ? p.substring(0, 60) + "..." : p;
    }
}
