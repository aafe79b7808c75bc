package io.daas.builder.bundle;

import io.daas.builder.config.UnpackLimits;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Times {@link BundleExtractor#extract} against {@code tar -xzf} on the same archive, runs
 * alternating, in one JVM (the service's is long-running, so JVM start-up is not counted).
 * Run by bench/extract.sh: {@code ExtractBench <archive.tar.gz> <work-dir> <runs>}.
 */
public final class ExtractBench {

    private ExtractBench() {}

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        BundleExtractor extractor = new BundleExtractor(new UnpackLimits(2L << 30, 100_000, 100));

        for (int i = 0; i < 5; i++) {
            extractor.extract(archive, fresh(work.resolve("warm-up"))); // JIT warm-up, as in a running service
        }
        List<Double> java = new ArrayList<>();
        List<Double> tar = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            // alternate who goes first, and flush the other's writes before timing, so neither pays for the other
            if (i % 2 == 1) {
                tar.add(timeTar(archive, fresh(work.resolve("tar"))));
                java.add(timeExtractor(extractor, archive, fresh(work.resolve("java"))));
            } else {
                java.add(timeExtractor(extractor, archive, fresh(work.resolve("java"))));
                tar.add(timeTar(archive, fresh(work.resolve("tar"))));
            }
            System.out.printf(
                    "run %d: tar -xzf %.0f ms, BundleExtractor %.0f ms%n", i, tar.get(i - 1), java.get(i - 1));
        }
        double tarMedian = median(tar);
        double javaMedian = median(java);
        System.out.printf(
                "median of %d runs: tar -xzf %.0f ms, BundleExtractor %.0f ms, ratio %.2f (limit 1.50)%n",
                runs, tarMedian, javaMedian, javaMedian / tarMedian);
        delete(work);
        if (javaMedian / tarMedian > 1.5) {
            System.exit(1);
        }
    }

    private static double timeTar(Path archive, Path dir) throws IOException, InterruptedException {
        sync();
        long started = System.nanoTime();
        Process p = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString())
                .inheritIO()
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("tar -xzf failed");
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private static double timeExtractor(BundleExtractor extractor, Path archive, Path dir)
            throws IOException, InterruptedException {
        sync();
        long started = System.nanoTime();
        extractor.extract(archive, dir);
        return (System.nanoTime() - started) / 1e6;
    }

    private static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Path fresh(Path dir) throws IOException {
        delete(dir);
        return Files.createDirectories(dir);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
