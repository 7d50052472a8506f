package io.prescal.proxy.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code curl} command (Debian's, built with nghttp2) as a real client. */
public final class Curl {
  /** What curl printed and how it ended. */
  public record Result(int exit, String out, String err) {}

  /**
   * Runs {@code curl -sS} with {@code args} (within 60 s); standard output and error are kept
   * apart. Add {@code -w} to print what a test checks, e.g. {@code %{http_version}}.
   */
  public static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    // Output is small; read both before waiting so that neither pipe fills.
    byte[][] bytes = new byte[2][];
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    bytes[1] = process.getErrorStream().readAllBytes();
                  } catch (IOException e) {
                    bytes[1] = e.toString().getBytes(StandardCharsets.UTF_8);
                  }
                });
    bytes[0] = process.getInputStream().readAllBytes();
    reader.join();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("curl did not finish: " + command);
    }
    return new Result(
        process.exitValue(),
        new String(bytes[0], StandardCharsets.UTF_8),
        new String(bytes[1], StandardCharsets.UTF_8));
  }

  private Curl() {}
}
