package io.prescal.traffic.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a profile from a YAML file: a {@code stages} list whose items are either the text of {@link
 * ProfileText} or objects with the same words as keys:
 *
 * <pre>
 * stages:
 *   - ramp: 0-2000/s
 *     duration: 60s
 *   - hold: 2000/s
 *     duration: 2m
 *   - "spike 5000/s 10s"
 *   - step: 1000-4000/s
 *     by: 1000
 *     every: 30s
 * </pre>
 */
public final class ProfileFile {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static RateProfile read(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
    } catch (JacksonException e) {
      String first = e.getOriginalMessage().lines().findFirst().orElse("").strip();
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new IllegalArgumentException(
          file + ": not YAML" + where + " (" + first + "); see docs/traffic.md for the form");
    }
    JsonNode stages = root == null ? null : root.get("stages");
    if (stages == null || !stages.isArray() || stages.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": no \"stages\" list (expected: stages: [\"ramp 0-2000/s 60s\", ...])");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode item : stages) {
      text.append(text.isEmpty() ? "" : ", ").append(stageText(item));
    }
    try {
      return ProfileText.parse(text.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage());
    }
  }

  private static String stageText(JsonNode item) {
    if (item.isString()) {
      return item.asString();
    }
    List<String> words = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : item.properties()) {
      String key = field.getKey();
      String value = field.getValue().asString();
      switch (key) {
        case "ramp", "hold", "spike", "step" -> words.addAll(0, List.of(key, value));
        case "duration" -> words.add(value);
        case "by", "every" -> words.addAll(List.of(key, value));
        default -> words.add("unknown-key:" + key);
      }
    }
    return String.join(" ", words);
  }

  private ProfileFile() {}
}
