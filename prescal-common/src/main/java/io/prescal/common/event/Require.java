package io.prescal.common.event;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Argument checks shared by the event records, with messages that name the value. */
final class Require {

  static String text(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + ": " + quote(value) + " (expected: non-blank)");
    }
    return value;
  }

  static <T> T present(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": null (expected: a value)");
    }
    return value;
  }

  static long nonNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
    return value;
  }

  static double nonNegative(double value, String name) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
    return value;
  }

  /** An optional flag as the wire holds it: true, or null (absent) for false. */
  static Boolean flag(Boolean value) {
    return Boolean.TRUE.equals(value) ? Boolean.TRUE : null;
  }

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }

  /** An immutable copy with sorted keys, so that the JSON form is stable. */
  static <K extends Comparable<K>, V> Map<K, V> map(Map<K, V> value) {
    return value == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(value));
  }

  private static String quote(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }

  private Require() {}
}
