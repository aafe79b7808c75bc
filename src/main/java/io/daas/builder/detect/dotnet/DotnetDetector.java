package io.daas.builder.detect.dotnet;

import io.daas.builder.detect.BuildPlan;
import io.daas.builder.detect.DetectionContext;
import io.daas.builder.detect.DockerIgnore;
import io.daas.builder.detect.Dockerfile;
import io.daas.builder.detect.Healthcheck;
import io.daas.builder.detect.LanguageDetector;
import io.daas.builder.detect.ProjectFiles;
import io.daas.builder.detect.VersionChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** .NET projects (*.csproj, *.fsproj): dotnet publish on the SDK image, run on aspnet or runtime. */
public final class DotnetDetector implements LanguageDetector {

    static final String DEFAULT_VERSION = "8.0";
    static final int PORT = 8080;
    private static final Pattern TARGET = Pattern.compile("<TargetFrameworks?>\\s*net(\\d+\\.\\d+)");
    private static final Pattern ASSEMBLY = Pattern.compile("<AssemblyName>\\s*([^<\\s]+)\\s*</AssemblyName>");

    @Override
    public Optional<BuildPlan> detect(DetectionContext context) {
        ProjectFiles files = context.files();
        List<String> projects = new ArrayList<>(files.findBySuffix(".csproj", 2));
        projects.addAll(files.findBySuffix(".fsproj", 2));
        List<String> outputs = outputFolders(projects);
        projects.removeIf(p -> p.toLowerCase(java.util.Locale.ROOT).contains("test"));
        if (projects.isEmpty()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        String project = projects.stream()
                .filter(p -> files.read(p)
                        .map(t -> t.contains("Microsoft.NET.Sdk.Web"))
                        .orElse(false))
                .findFirst()
                .orElse(projects.get(0));
        if (projects.size() > 1) {
            notes.add("Several projects " + projects + "; publishing " + project + ".");
        }
        String text = files.read(project).orElse("");
        boolean web = text.contains("Microsoft.NET.Sdk.Web");
        Matcher target = TARGET.matcher(text);
        VersionChoice version = target.find()
                ? new VersionChoice(target.group(1), project + " TargetFramework")
                : VersionChoice.defaulted(DEFAULT_VERSION);
        String fileName = project.substring(project.lastIndexOf('/') + 1);
        Matcher assembly = ASSEMBLY.matcher(text);
        String dll = (assembly.find() ? assembly.group(1) : fileName.substring(0, fileName.lastIndexOf('.'))) + ".dll";
        String sdk = context.image("dotnet-sdk", "mcr.microsoft.com/dotnet/sdk:" + version.value());
        String runtime = context.image(
                "dotnet-runtime", "mcr.microsoft.com/dotnet/" + (web ? "aspnet" : "runtime") + ":" + version.value());
        String install = "dotnet restore \"" + project + "\"";
        String build = "dotnet publish \"" + project + "\" -c Release -o /out --no-restore";
        String start = context.start("dotnet " + dll + (web ? " --urls http://0.0.0.0:$PORT" : ""));
        String dir = project.contains("/") ? project.substring(0, project.lastIndexOf('/') + 1) : "";
        Dockerfile out = new Dockerfile().from(sdk, "build").workdir("/src");
        if (text.contains("<ProjectReference")) {
            // referenced projects must be there to restore: no separate dependency layer
            out.copy(". .");
            out.run(install);
        } else {
            for (String shared : List.of(
                    "global.json",
                    "NuGet.config",
                    "nuget.config",
                    "Directory.Build.props",
                    "Directory.Packages.props")) {
                if (files.isFile(shared)) {
                    out.copy(shared + " ./");
                }
            }
            out.copy(project + " ./" + dir);
            out.run(install);
            out.copy(". .");
        }
        out.run(build);
        out.from(runtime).workdir("/app");
        boolean hasAppUser = Integer.parseInt(version.value().split("\\.")[0]) >= 8; // images from .NET 8 on have "app"
        if (!hasAppUser) {
            out.line(Dockerfile.DEBIAN_USER);
        }
        out.copy("--from=build /out ./");
        out.serve(PORT, "app", Healthcheck.BASH, start, true);
        return Optional.of(new BuildPlan(
                "dotnet",
                web ? "aspnetcore" : null,
                "nuget",
                version,
                install,
                build,
                start,
                PORT,
                List.of(sdk, runtime),
                out.text(),
                DockerIgnore.with(outputs.toArray(String[]::new)),
                notes));
    }

    /** bin/ and obj/ next to each project file: dotnet's output, and never a nested source folder. */
    private static List<String> outputFolders(List<String> projects) {
        List<String> folders = new ArrayList<>();
        for (String project : projects) {
            String dir = project.contains("/") ? project.substring(0, project.lastIndexOf('/') + 1) : "";
            for (String output : List.of(dir + "bin", dir + "obj")) {
                if (!folders.contains(output)) {
                    folders.add(output);
                }
            }
        }
        return folders;
    }
}
