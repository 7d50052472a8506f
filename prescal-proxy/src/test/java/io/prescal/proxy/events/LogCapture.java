package io.prescal.proxy.events;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What one logger writes, formatted by a pattern as the console appender does, so a test sees the
 * log's real lines: a line is whatever ends with a newline.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level level;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();

  public LogCapture(String name) {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    logger = context.getLogger(name);
    level = logger.getLevel();
    logger.setLevel(Level.INFO);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%level %msg%n");
    encoder.start();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.start();
    logger.addAppender(appender);
  }

  public Logger logger() {
    return logger;
  }

  /** The raw text written so far. */
  public String text() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** The lines written so far, without their line ends. */
  public List<String> lines() {
    String text = text();
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> parts = Arrays.asList(text.split("\n", -1));
    return parts.subList(0, parts.size() - 1);
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(level);
    appender.stop();
  }
}
