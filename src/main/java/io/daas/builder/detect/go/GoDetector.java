package io.daas.builder.detect.go;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.ProjectDetector;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go modules: main package at the root or under cmd/, a static binary on distroless. */
public final class GoDetector implements LanguageDetector {

    /** {@code go run main.go [args]} or {@code go run . [args]}: what the built binary does. */
    private static final java.util.regex.Pattern GO_RUN =
            java.util.regex.Pattern.compile("go run\\s+(?:\\.|\\./|[\\w./-]+\\.go(?:\\s+[\\w./-]+\\.go)*)(\\s.*)?");

    public static final String DEFAULT_VERSION = "1.25";
    static final String RUNTIME = "gcr.io/distroless/static-debian12:nonroot";
    static final int PORT = 8080;
    private static final Pattern MODULE = Pattern.compile("(?m)^module\\s+\"?([^\\s\"]+)\"?");
    private static final Pattern GO = Pattern.compile("(?m)^go\\s+(\\d+\\.\\d+)");
    private static final Pattern TOOLCHAIN = Pattern.compile("(?m)^toolchain\\s+go(\\d+\\.\\d+)");

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        Optional<String> goMod = files.read("go.mod");
        List<String> notes = new ArrayList<>();
        boolean noModule = goMod.isEmpty();
        if (noModule) {
            // A lone main.go (GOPATH style, or a gist): the build makes the module itself.
            if (!GoMainPackage.hasMain(files, "")) {
                return Optional.empty();
            }
            goMod = Optional.of("module app\n");
            notes.add("No go.mod: the build makes one (go mod init app, then go mod tidy for what the code imports)."
                    + " Commit a go.mod to pin the Go version and dependencies.");
        }
        VersionChoice asked = context.versionLine(2);
        VersionChoice version = asked != null ? asked : version(goMod.get());
        String module = match(MODULE, goMod.get()).orElse("app");
        String binary = module.substring(module.lastIndexOf('/') + 1);
        String target = GoMainPackage.of(files, binary, notes);
        if (target != null && !target.equals(".")) {
            binary = target.substring(target.lastIndexOf('/') + 1);
        }
        String builder = context.image("go", "golang:" + version.value());
        String start = context.start("/app/" + binary);
        java.util.regex.Matcher goRun = GO_RUN.matcher(start);
        if (goRun.matches()) {
            // the runtime image has no Go toolchain: run the binary built from the same package
            start = "/app/" + binary + (goRun.group(1) == null ? "" : goRun.group(1));
            notes.add("The start command ran go run; the image runs the built binary instead: " + start + ".");
        }
        // distroless has no shell: a start command that needs one runs on Debian slim instead
        boolean needsShell = context.procfileWeb() != null;
        String runtime = needsShell
                ? context.image("go-runtime-shell", "debian:bookworm-slim")
                : context.image("go-runtime", RUNTIME);
        boolean vendored = files.isDirectory("vendor");
        String modFlag = vendored ? " -mod=vendor" : files.isFile("go.sum") && !noModule ? "" : " -mod=mod";
        String build = "go build" + modFlag + " -trimpath -ldflags=\"-s -w\" -o /out/" + binary + " ./"
                + (target == null || target.equals(".") ? "" : target);
        if (!files.isFile("go.sum") && !vendored && !noModule) {
            notes.add("No go.sum: the build resolves module checksums itself (-mod=mod).");
        }
        String dockerfile = null;
        if (target == null) {
            notes.add("No package main at the root, under cmd/ or two levels down. "
                    + ProjectDetector.HOW_TO_ADD_A_DOCKERFILE);
        } else {
            Dockerfile out = new Dockerfile().from(builder, "build").workdir("/src");
            out.env("CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-buildvcs=false");
            if (noModule) {
                out.copy(". .");
                out.run("go mod init app && go mod tidy");
            } else {
                if (!vendored) {
                    out.copy("go.mod go.sum* ./");
                    out.run("go mod download");
                }
                out.copy(". .");
            }
            out.run(build);
            out.from(runtime);
            if (needsShell) {
                // Procfiles name the binary as bin/<name> (where Go buildpacks install it) or by name.
                out.workdir("/app").line(Dockerfile.DEBIAN_USER).env("PATH=/app/bin:$PATH");
                // a Procfile command runs in the app's folder, as on a buildpack: files it reads stay
                out.copy("--from=build /src /app");
                out.copy("--from=build /out/" + binary + " /app/bin/" + binary);
            }
            out.copy("--from=build /out/" + binary + " /app/" + binary);
            out.serve(
                    PORT,
                    needsShell ? "app" : "nonroot:nonroot",
                    needsShell ? Healthcheck.BASH : Healthcheck.NONE,
                    start,
                    needsShell);
            dockerfile = out.text();
        }
        return Optional.of(new BuildPlan(
                "go",
                null,
                "go modules",
                version,
                noModule ? "go mod init app && go mod tidy" : "go mod download",
                build,
                start,
                PORT,
                List.of(builder, runtime),
                dockerfile,
                DockerIgnore.with("bin", "*.test", "coverage.out"),
                notes));
    }

    /**
     * The go and toolchain directives are minimums and Go builds older modules unchanged, so the
     * image is the newer of them and the default.
     */
    static VersionChoice version(String goMod) {
        Optional<String> go = match(GO, goMod);
        Optional<String> toolchain = match(TOOLCHAIN, goMod);
        String wanted = toolchain
                .filter(t -> go.isEmpty() || VersionChoice.newer(t, go.get()))
                .or(() -> go)
                .orElse(null);
        if (wanted == null) {
            return VersionChoice.defaulted(DEFAULT_VERSION);
        }
        String source = "go.mod " + (toolchain.isPresent() && wanted.equals(toolchain.get()) ? "toolchain" : "go") + " "
                + wanted;
        return VersionChoice.newer(DEFAULT_VERSION, wanted)
                ? new VersionChoice(DEFAULT_VERSION, source + " (raised to the default; Go builds older modules)")
                : new VersionChoice(wanted, source);
    }

    private static Optional<String> match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
