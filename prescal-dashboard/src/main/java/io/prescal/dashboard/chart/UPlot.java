package io.prescal.dashboard.chart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the uPlot WebJar's files are served. The version comes from the WebJar's own Maven
 * metadata, so a version bump in the POM needs no code change.
 */
final class UPlot {

  private static final String VERSION = version();

  private UPlot() {}

  /** The minified browser build, as a {@code context://} URL. */
  static String script() {
    return "context://webjars/uplot/" + VERSION + "/dist/uPlot.iife.min.js";
  }

  /** uPlot's stylesheet, as a {@code context://} URL. */
  static String stylesheet() {
    return "context://webjars/uplot/" + VERSION + "/dist/uPlot.min.css";
  }

  /** The classpath resource of the script, to check it ships. */
  static String scriptResource() {
    return "META-INF/resources/webjars/uplot/" + VERSION + "/dist/uPlot.iife.min.js";
  }

  static String version() {
    String pom = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    try (InputStream in = UPlot.class.getClassLoader().getResourceAsStream(pom)) {
      if (in == null) {
        throw new IllegalStateException(
            pom + " missing: is org.webjars.npm:uplot on the classpath?");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
