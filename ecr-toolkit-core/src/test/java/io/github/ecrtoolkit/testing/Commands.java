package io.github.ecrtoolkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs independent command-line clients (skopeo, docker) from tests. */
public final class Commands {

    private Commands() {
    }

    /** What a finished command printed, and its exit code. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** Fails the test with the command's output unless it exited 0. */
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + exitCode
                        + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    /** Runs {@code command}, waiting at most {@code timeout}. */
    public static Result run(Duration timeout, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
            CompletableFuture<String> out = readAsync(process.getInputStream());
            CompletableFuture<String> err = readAsync(process.getErrorStream());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(command, process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Convenience for {@link #run(Duration, List)} with a two-minute limit. */
    public static Result run(String... command) {
        return run(Duration.ofMinutes(2), List.of(command));
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }

    private static CompletableFuture<String> readAsync(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
