package io.prescal.traffic.targets;

import io.prescal.traffic.engine.RequestSpec;
import io.prescal.traffic.engine.Target;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a targets file in vegeta's format: each request is a {@code METHOD URL} line, then header
 * lines {@code Name: value}, then at most one {@code @FILE} line whose bytes are the body (a path
 * relative to the targets file's directory). Requests are separated by blank lines (a new {@code
 * METHOD URL} line also starts one); lines starting with {@code #} are comments.
 *
 * <pre>
 * GET http://127.0.0.1:8000/catalog
 * Accept: application/json
 *
 * POST http://127.0.0.1:8000/orders
 * Content-Type: application/json
 * &#64;bodies/order.json
 * </pre>
 *
 * <p>Bounded: at most {@link Limits#maxTargets} requests, and {@link Limits#maxBytes} bytes of the
 * file and its bodies together (each request is held in memory, encoded once). Every problem is one
 * sentence starting {@code FILE:LINE:}.
 */
public final class TargetsFile {

  /**
   * How much a file may ask for.
   *
   * @param maxTargets the most requests
   * @param maxBytes the most bytes of the file and every body it names, together
   */
  public record Limits(int maxTargets, long maxBytes) {
    public Limits {
      if (maxTargets < 1) {
        throw new IllegalArgumentException(
            "--max-targets: " + maxTargets + " (expected: 1 or more)");
      }
      if (maxBytes < 1) {
        throw new IllegalArgumentException(
            "--max-target-bytes: " + maxBytes + " (expected: 1 or more bytes)");
      }
    }
  }

  private static final String FORMAT =
      "expected: METHOD URL, e.g. GET http://127.0.0.1:8000/, then Name: value header lines and"
          + " an optional @body-file line";

  private final Path file;
  private final List<RequestSpec.Header> common;
  private final boolean keepAlive;
  private final Limits limits;
  private final Map<Path, byte[]> bodies = new HashMap<>();
  private final List<Target> targets = new ArrayList<>();
  private long bytes;

  // The request being read.
  private int startLine;
  private String method;
  private String url;
  private List<RequestSpec.Header> headers;
  private byte[] body;

  private TargetsFile(
      Path file, List<RequestSpec.Header> common, boolean keepAlive, Limits limits) {
    this.file = file;
    this.common = List.copyOf(common);
    this.keepAlive = keepAlive;
    this.limits = limits;
  }

  /**
   * Reads {@code file}.
   *
   * @param common headers every request carries (the command line's {@code -H}); a request's own
   *     header of the same name replaces one
   * @param keepAlive whether connections are reused
   * @throws IllegalArgumentException one sentence naming the file, the line and the fix
   */
  public static List<Target> read(
      Path file, List<RequestSpec.Header> common, boolean keepAlive, Limits limits) {
    return new TargetsFile(file, common, keepAlive, limits).read();
  }

  private List<Target> read() {
    long size;
    List<String> lines;
    try {
      size = Files.size(file);
      if (size > limits.maxBytes()) {
        throw new IllegalArgumentException(
            file
                + ": "
                + size
                + " bytes, over --max-target-bytes "
                + limits.maxBytes()
                + " (raise it, or split the file)");
      }
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text (expected: a targets file)");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    bytes = size;
    for (int i = 0; i < lines.size(); i++) {
      line(i + 1, lines.get(i).strip());
    }
    finish();
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(file + ": no request in it (" + FORMAT + ")");
    }
    return List.copyOf(targets);
  }

  private void line(int n, String line) {
    if (line.startsWith("#")) {
      return;
    }
    if (line.isEmpty()) {
      finish();
      return;
    }
    if (method != null && line.startsWith("@")) {
      body(n, line.substring(1).strip());
      return;
    }
    if (method != null && looksLikeHeader(line)) {
      if (body != null) {
        throw problem(n, "a header after the body line (expected: the @body line last)");
      }
      try {
        headers.add(RequestSpec.Header.parse(line));
      } catch (IllegalArgumentException e) {
        throw problem(n, e.getMessage());
      }
      return;
    }
    finish();
    start(n, line);
  }

  /** A header's name has no space before its colon; a request line's URL has one before it. */
  private static boolean looksLikeHeader(String line) {
    int colon = line.indexOf(':');
    int space = line.indexOf(' ');
    return colon > 0 && (space < 0 || colon < space);
  }

  private void start(int n, String line) {
    String[] parts = line.split("\\s+");
    if (parts.length != 2) {
      throw problem(n, "\"" + line + "\" is not a request line (" + FORMAT + ")");
    }
    try {
      method = RequestSpec.method(parts[0]);
    } catch (IllegalArgumentException e) {
      throw problem(n, e.getMessage());
    }
    if (targets.size() >= limits.maxTargets()) {
      throw problem(
          n,
          "more than --max-targets "
              + limits.maxTargets()
              + " requests (raise it, or split the file)");
    }
    startLine = n;
    url = parts[1];
    headers = new ArrayList<>();
    body = null;
  }

  private void body(int n, String name) {
    if (body != null) {
      throw problem(n, "a second @body line (expected: at most one body per request)");
    }
    if (name.isEmpty()) {
      throw problem(n, "\"@\" names no file (expected: @path/to/body, relative to " + dir() + ")");
    }
    Path path = dir().resolve(name).normalize();
    byte[] bytes = bodies.get(path);
    try {
      if (bytes == null) {
        long size = Files.size(path);
        if (this.bytes + size > limits.maxBytes()) {
          throw problem(n, overBudget(path, size));
        }
        bytes = Files.readAllBytes(path);
        bodies.put(path, bytes);
      }
    } catch (IOException e) {
      throw problem(
          n,
          "@"
              + name
              + ": cannot read "
              + path
              + " ("
              + e.getClass().getSimpleName()
              + "; body paths are relative to the targets file's directory)");
    }
    // Every request holds its own encoded copy, so a body named twice counts twice.
    if (this.bytes + bytes.length > limits.maxBytes()) {
      throw problem(n, overBudget(path, bytes.length));
    }
    this.bytes += bytes.length;
    body = bytes;
  }

  private String overBudget(Path path, long size) {
    return "@"
        + path
        + " ("
        + size
        + " bytes) takes the file and its bodies over --max-target-bytes "
        + limits.maxBytes()
        + " (raise it, or use fewer or smaller bodies)";
  }

  private void finish() {
    if (method == null) {
      return;
    }
    List<RequestSpec.Header> all = new ArrayList<>();
    for (RequestSpec.Header c : common) {
      boolean replaced = headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(c.name()));
      if (!replaced) {
        all.add(c);
      }
    }
    all.addAll(headers);
    try {
      targets.add(
          Target.of(
              url, new RequestSpec(method, all, body == null ? new byte[0] : body, keepAlive)));
    } catch (IllegalArgumentException e) {
      throw problem(startLine, e.getMessage());
    }
    method = null;
  }

  private Path dir() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of("") : parent;
  }

  private IllegalArgumentException problem(int line, String what) {
    return new IllegalArgumentException(String.format(Locale.ROOT, "%s:%d: %s", file, line, what));
  }
}
