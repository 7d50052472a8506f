package io.prescal.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The services' jars, built by the reactor before this module's tests run. */
final class Jars {

  /** The repository's root (this module's parent directory). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static Path of(String module) {
    Path jar = ROOT.resolve(module).resolve("target").resolve(module + ".jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it first (./mvnw package -DskipTests, or run ./prescal test)");
    }
    return jar;
  }

  /** The java launcher of the JVM running the tests (a JDK 21+). */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Jars() {}
}
