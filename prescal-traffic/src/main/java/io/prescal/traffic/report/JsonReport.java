package io.prescal.traffic.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The {@code --json} summary: the whole {@link RunResult}, latencies in microseconds. */
public final class JsonReport {

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonReport() {}

  /** The JSON text of {@code result}. */
  public static String json(RunResult result) {
    return MAPPER.writeValueAsString(result);
  }

  /** Writes {@code result} to {@code file}. */
  public static void write(RunResult result, Path file) throws IOException {
    Files.writeString(file, json(result));
  }
}
