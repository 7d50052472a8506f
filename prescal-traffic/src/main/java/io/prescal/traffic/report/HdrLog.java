package io.prescal.traffic.report;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The {@code --hdr-log} file: HdrHistogram's interval log, one histogram a second of the latency
 * from the intended send time, values in microseconds (HistogramLogProcessor and the plotters read
 * it). Written as the run goes, so a long run keeps nothing in memory for it.
 */
public final class HdrLog implements AutoCloseable {

  private final PrintStream stream;
  private final HistogramLogWriter writer;
  private final long startMillis;

  /**
   * Opens {@code file} and writes the header.
   *
   * @param startMillis wall-clock time of the run's measurement start (the log's base time)
   */
  public HdrLog(Path file, long startMillis) throws FileNotFoundException {
    this.stream = new PrintStream(file.toFile());
    this.writer = new HistogramLogWriter(stream);
    this.startMillis = startMillis;
    writer.outputComment("prescal-traffic: latency from intended send time, in microseconds");
    writer.outputLogFormatVersion();
    writer.outputStartTime(startMillis);
    writer.setBaseTime(startMillis);
    writer.outputLegend();
  }

  /** Appends one interval ending at {@code endMillis} wall-clock time. */
  public void interval(Histogram latency, long startMillisOfInterval, long endMillis) {
    Histogram copy = latency.copy();
    copy.setStartTimeStamp(Math.max(startMillis, startMillisOfInterval));
    copy.setEndTimeStamp(endMillis);
    writer.outputIntervalHistogram(copy);
  }

  @Override
  public void close() {
    stream.close();
  }
}
