package io.prescal.testing;

/**
 * Image names for tests. Each comes from a system property, else an environment variable, else the
 * public image a user would pull; CI points them at images built by {@code
 * scripts/build-images.sh}, since no registry is reachable there.
 */
public final class TestImages {

  /** Redis: {@code -Dprescal.redis.image}, {@code PRESCAL_REDIS_IMAGE}, or redis:7-alpine. */
  public static String redis() {
    return pick("prescal.redis.image", "PRESCAL_REDIS_IMAGE", "redis:7-alpine");
  }

  /**
   * A JRE 21+: {@code -Dprescal.jre.image}, {@code PRESCAL_JRE_IMAGE}, or eclipse-temurin:25-jre.
   */
  public static String jre() {
    return pick("prescal.jre.image", "PRESCAL_JRE_IMAGE", "eclipse-temurin:25-jre");
  }

  /**
   * A JDK 21+ (image builds): {@code -Dprescal.jdk.image}, {@code PRESCAL_JDK_IMAGE}, or
   * eclipse-temurin:25-jdk.
   */
  public static String jdk() {
    return pick("prescal.jdk.image", "PRESCAL_JDK_IMAGE", "eclipse-temurin:25-jdk");
  }

  static String pick(String property, String env, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  private TestImages() {}
}
