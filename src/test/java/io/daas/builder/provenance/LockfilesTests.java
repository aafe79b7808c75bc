package io.daas.builder.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class LockfilesTests {

    @TempDir
    Path context;

    @Test
    void eachLockfileKindGivesItsPinnedPackagesAndDependencyFoldersAreSkipped() throws Exception {
        Files.writeString(
                context.resolve("package-lock.json"),
                "{\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"x\"},"
                        + "\"node_modules/@scope/a\":{\"version\":\"1.0.0\"},\"node_modules/b/node_modules/c\":{\"version\":\"2.0.0\"},"
                        + "\"packages/ws\":{\"version\":\"0.0.1\"},\"node_modules/ws\":{\"link\":true,\"resolved\":\"packages/ws\"}}}");
        Files.createDirectories(context.resolve("node_modules/z"));
        Files.writeString(
                context.resolve("node_modules/z/package-lock.json"),
                "{\"packages\":{\"node_modules/q\":{\"version\":\"9\"}}}");
        Files.createDirectories(context.resolve("web"));
        Files.writeString(
                context.resolve("web/yarn.lock"),
                "# yarn lockfile v1\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\":\n"
                        + "  version \"7.24.0\"\n  resolved \"x\"\n\nleft-pad@1.3.0:\n  version \"1.3.0\"\n");
        Files.writeString(
                context.resolve("pnpm-lock.yaml"),
                "lockfileVersion: '9.0'\n\npackages:\n\n  react@18.2.0:\n"
                        + "    resolution: {integrity: x}\n\n  '@types/node@20.1.0':\n    resolution: {integrity: y}\n\nsnapshots:\n\n  other@1.0.0: {}\n");
        Files.writeString(
                context.resolve("requirements.txt"),
                "flask==3.0.2\n# comment\nrequests>=2\nuvicorn[standard]==0.29.0 ; python_version > '3'\n");
        Files.writeString(
                context.resolve("go.mod"),
                "module example.com/m\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.2.3\n"
                        + "\tgolang.org/x/text v0.14.0 // indirect\n)\n\nrequire github.com/c/d v0.1.0\n");
        Files.writeString(
                context.resolve("Cargo.lock"),
                "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n\n"
                        + "[[package]]\nname = \"serde\"\nversion = \"1.0.197\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n");

        List<String> found = new Lockfiles(JsonMapper.builder().build())
                .read(context).stream()
                        .map(d -> d.type() + ":" + d.name() + "@" + d.version() + " (" + d.source() + ")")
                        .toList();

        assertThat(found)
                .containsExactlyInAnyOrder(
                        "npm:@scope/a@1.0.0 (package-lock.json)",
                        "npm:c@2.0.0 (package-lock.json)",
                        "npm:@babel/core@7.24.0 (web/yarn.lock)",
                        "npm:left-pad@1.3.0 (web/yarn.lock)",
                        "npm:react@18.2.0 (pnpm-lock.yaml)",
                        "npm:@types/node@20.1.0 (pnpm-lock.yaml)",
                        "pypi:flask@3.0.2 (requirements.txt)",
                        "pypi:uvicorn@0.29.0 (requirements.txt)",
                        "golang:github.com/a/b@v1.2.3 (go.mod)",
                        "golang:golang.org/x/text@v0.14.0 (go.mod)",
                        "golang:github.com/c/d@v0.1.0 (go.mod)",
                        "cargo:serde@1.0.197 (Cargo.lock)");
    }

    @Test
    void dpkgListsOnlyInstalledPackagesAndApkEveryEntry() {
        String status = "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n\n"
                + "Package: gone\nStatus: deinstall ok config-files\nVersion: 1\n";
        assertThat(OsPackages.dpkg(status))
                .containsExactly(new OsPackages.OsPackage("deb", "bash", "5.2.15-2+b2", "amd64"));
        assertThat(OsPackages.apk("P:musl\nV:1.2.4-r2\nA:x86_64\n\nP:busybox\nV:1.36.1-r15\n"))
                .extracting(OsPackages.OsPackage::name)
                .containsExactly("musl", "busybox");
    }

    @Test
    void lockfilesNamingMoreDependenciesThanAnSbomKeepsAreRefusedWithoutReadingOn() throws Exception {
        StringBuilder pins = new StringBuilder();
        for (int i = 0; i <= Lockfiles.MAX_DEPENDENCIES; i++) {
            pins.append("p").append(i).append("==1\n");
        }
        Files.writeString(context.resolve("requirements.txt"), pins);

        assertThatThrownBy(() -> new Lockfiles(JsonMapper.builder().build()).read(context))
                .hasMessageContaining("more than " + Lockfiles.MAX_DEPENDENCIES + " dependencies")
                .hasMessageContaining("requirements.txt");
    }

    @Test
    void lockfilesLargerTogetherThanTheTotalBoundAreNotRead() throws Exception {
        Path big = context.resolve("a/requirements.txt");
        Files.createDirectories(big.getParent());
        String line = "x".repeat(1023) + "\n";
        Files.writeString(big, line.repeat((int) (Lockfiles.MAX_TOTAL_BYTES / 1024 / 3) + 1));
        for (String folder : List.of("b", "c")) {
            Files.createDirectories(context.resolve(folder));
            Files.copy(big, context.resolve(folder + "/requirements.txt"));
        }

        assertThatThrownBy(() -> new Lockfiles(JsonMapper.builder().build()).read(context))
                .hasMessageContaining("more than " + Lockfiles.MAX_TOTAL_BYTES / (1024 * 1024) + " MiB");
    }
}
