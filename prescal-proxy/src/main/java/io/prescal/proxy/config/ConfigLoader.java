package io.prescal.proxy.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML configuration into a {@link ProxyConfig}, or fails with every problem listed: the
 * proxy's own keys, the event publisher's ({@code events}), the Docker engine's ({@code docker}),
 * and per service its provider, readiness probe, autoscaler and hold queue.
 */
public final class ConfigLoader {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  /** Reads and validates the file at {@code path}. */
  public static ProxyConfig load(Path path) throws ConfigException {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          path.toString(),
          List.of("cannot read the file (" + e + "); check the path and its permissions"));
    }
    return parse(text, path.toString());
  }

  /** Reads and validates YAML text; {@code origin} names it in messages. */
  public static ProxyConfig parse(String yaml, String origin) throws ConfigException {
    return parse(yaml, origin, System::getenv);
  }

  /**
   * Reads and validates YAML text with {@code env} as the environment (the {@code PRESCAL_*}
   * fallbacks of the {@code events:} section).
   */
  static ProxyConfig parse(String yaml, String origin, UnaryOperator<String> env)
      throws ConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JacksonException e) {
      throw new ConfigException(origin, List.of("not valid YAML: " + e.getOriginalMessage()));
    }
    List<String> problems = new ArrayList<>();
    ProxyConfig config = new ConfigReader(problems, env).read(new ConfigNode(root, "", problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(origin, problems);
    }
    return config.withVersion(digest(yaml));
  }

  static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ConfigLoader() {}
}
