package io.prescal.proxy.config;

import io.prescal.proxy.provider.SettingsProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One YAML mapping being read, with its path for messages. Every read returns a usable value (the
 * default when the input is wrong) and records a problem instead of throwing, so that one pass over
 * a file finds all its problems.
 */
final class ConfigNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb|k|m|g)?");

  private final JsonNode node;
  private final String path;
  private final List<String> problems;

  ConfigNode(JsonNode node, String path, List<String> problems) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
    this.problems = problems;
    if (!this.node.isMissingNode() && !this.node.isNull() && !this.node.isObject()) {
      problem("", this.node, "a mapping of keys to values");
    }
  }

  /** Flags keys outside {@code known}: a typo must not silently fall back to a default. */
  void allowOnly(Collection<String> known) {
    if (!node.isObject()) {
      return;
    }
    for (String key : node.propertyNames()) {
      if (!known.contains(key)) {
        problems.add(
            where(key) + ": unknown key (expected one of: " + String.join(", ", known) + ")");
      }
    }
  }

  boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** Whether {@code key} holds a single value (not a mapping or list). */
  boolean isValue(String key) {
    JsonNode value = node.get(key);
    return value != null && value.isValueNode();
  }

  String text(String key, String fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isValueNode()) {
      problem(key, value, "a text value");
      return fallback;
    }
    return value.asString();
  }

  boolean bool(String key, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      problem(key, value, "true or false");
      return fallback;
    }
    return value.booleanValue();
  }

  long integer(String key, long fallback, long min, long max) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToLong() // a huge number would wrap into range
        || value.asLong() < min
        || value.asLong() > max) {
      problem(key, value, "a whole number from " + min + " to " + max);
      return fallback;
    }
    return value.asLong();
  }

  double decimal(String key, double fallback, double min, double max) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      problem(key, value, "a number from " + min + " to " + max);
      return fallback;
    }
    return value.asDouble();
  }

  /** Any number; the settings record that takes it checks its range. */
  double number(String key, double fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      problem(key, value, "a number");
      return fallback;
    }
    return value.asDouble();
  }

  /** Any whole number that fits an int; the settings record that takes it checks its range. */
  int whole(String key, int fallback) {
    return (int) integer(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  Duration duration(String key, Duration fallback, Duration min) {
    String text = text(key, null);
    if (text == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      problem(key, node.get(key), "a duration such as 500ms, 30s, 5m or 1h");
      return fallback;
    }
    long amount = Long.parseLong(m.group(1));
    Duration parsed =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (parsed.compareTo(min) < 0) {
      problem(key, node.get(key), "at least " + min.toMillis() + "ms");
      return fallback;
    }
    return parsed;
  }

  long size(String key, long fallback, long min, long max) {
    return size(
        key,
        fallback,
        min,
        max,
        max > 1L << 40
            ? "a size such as 10MB or 1GB, 0 for no limit"
            : "a size from " + min + " to " + max + " bytes, such as 16KB");
  }

  /** A size such as 256m or 1g; {@code expected} says what is accepted when it is not one. */
  long size(String key, long fallback, long min, long max, String expected) {
    String text = text(key, null);
    if (text == null) {
      return fallback;
    }
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    long bytes = -1;
    if (m.matches() && m.group(1).length() < 16) {
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2);
      bytes =
          switch (unit.charAt(0)) {
            case 'k' -> amount << 10;
            case 'm' -> amount << 20;
            case 'g' -> amount << 30;
            default -> amount;
          };
    }
    if (bytes < min || bytes > max) {
      problem(key, node.get(key), expected);
      return fallback;
    }
    return bytes;
  }

  /** One of {@code choices} (case-insensitive). */
  String choice(String key, String fallback, Set<String> choices) {
    String text = text(key, fallback);
    if (text == null) {
      return null;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!choices.contains(lower)) {
      problem(key, node.get(key), "one of " + String.join(", ", new java.util.TreeSet<>(choices)));
      return fallback;
    }
    return lower;
  }

  ConfigNode child(String key) {
    return new ConfigNode(node.get(key), where(key), problems);
  }

  /** The items of a list of text values; a single value counts as a list of one. */
  List<String> texts(String key) {
    JsonNode value = node.get(key);
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (value.isValueNode()) {
      out.add(value.asString());
      return out;
    }
    if (!value.isArray()) {
      problem(key, value, "a list of text values");
      return out;
    }
    for (JsonNode item : value.values()) {
      if (item.isValueNode()) {
        out.add(item.asString());
      } else {
        problem(key, item, "a text value in the list");
      }
    }
    return out;
  }

  /**
   * The items of a list whose items may be single values or mappings (a single value counts as a
   * list of one): each single value as its text, each mapping as a node named {@code key[i]}.
   */
  List<Object> items(String key) {
    JsonNode value = node.get(key);
    List<Object> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (value.isValueNode()) {
      out.add(value.asString());
      return out;
    }
    if (!value.isArray()) {
      problem(key, value, "a list");
      return out;
    }
    int i = 0;
    for (JsonNode item : value.values()) {
      String where = where(key) + "[" + i++ + "]";
      out.add(item.isValueNode() ? item.asString() : new ConfigNode(item, where, problems));
    }
    return out;
  }

  /** A mapping of names to text values (environment variables, labels); empty when absent. */
  Map<String, String> textMap(String key) {
    JsonNode value = node.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isObject()) {
      problem(key, value, "a mapping of names to text values");
      return out;
    }
    for (String name : value.propertyNames()) {
      JsonNode item = value.get(name);
      if (item.isValueNode() && !item.isNull()) {
        out.put(name, item.asString());
      } else {
        problem(key + "." + name, item, "a text value");
      }
    }
    return out;
  }

  /** Records the problems a settings record found in what was read from this node. */
  void problems(List<SettingsProblem> found) {
    for (SettingsProblem p : found) {
      problems.add(where(p.key()) + ": " + shown(p.value()) + " (expected: " + p.expected() + ")");
    }
  }

  private static String shown(Object value) {
    if (value instanceof Duration d) {
      long millis = d.toMillis();
      return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
    return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
  }

  /** Reads each mapping of a list with {@code reader}. */
  <T> List<T> list(String key, Function<ConfigNode, T> reader) {
    JsonNode value = node.get(key);
    List<T> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isArray()) {
      problem(key, value, "a list");
      return out;
    }
    int i = 0;
    for (JsonNode item : value.values()) {
      out.add(reader.apply(new ConfigNode(item, where(key) + "[" + i++ + "]", problems)));
    }
    return out;
  }

  /** Records a problem about {@code key} (or this node itself when {@code key} is empty). */
  void problem(String key, JsonNode value, String expected) {
    problems.add(where(key) + ": " + show(value) + " (expected: " + expected + ")");
  }

  /** Records a problem in free words about {@code key}. */
  void problem(String key, String message) {
    problems.add(where(key) + ": " + message);
  }

  String where(String key) {
    if (key.isEmpty()) {
      return path.isEmpty() ? "(top level)" : path;
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean isMissing() {
    return node.isMissingNode() || node.isNull();
  }

  private static String show(JsonNode value) {
    if (value == null) {
      return "null";
    }
    if (value.isString()) {
      return "\"" + value.asString() + "\"";
    }
    String text = value.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
