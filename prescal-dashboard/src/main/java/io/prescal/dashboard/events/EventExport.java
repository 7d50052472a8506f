package io.prescal.dashboard.events;

import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import java.util.List;
import java.util.Locale;

/**
 * The events a user sees, written out to read elsewhere: JSON (the envelopes as they travel on
 * Redis, in an array) or CSV (one row per event, the columns of the log).
 *
 * <p>CSV cells are made safe for spreadsheets: a cell that starts with {@code =}, {@code +}, {@code
 * -}, {@code @}, a tab or a carriage return would be run as a formula by Excel, LibreOffice or
 * Google Sheets, and event text carries what others typed (a reason, a backend id, a command's
 * issuer), so such a cell gets a leading {@code '} and is read as text.
 */
public final class EventExport {

  /** The CSV header, in the order of the log's columns. */
  static final String CSV_HEADER = "time,severity,type,service,source,what happened";

  private EventExport() {}

  /** {@code events} as a JSON array of envelopes, each as it is on the wire. */
  public static String json(List<Envelope> events, EventCodec codec) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < events.size(); i++) {
      out.append(i == 0 ? "\n" : ",\n").append(codec.encode(events.get(i)));
    }
    return out.append(events.isEmpty() ? "]\n" : "\n]\n").toString();
  }

  /** {@code events} as CSV (RFC 4180, CRLF line ends) with a header row. */
  public static String csv(List<Envelope> events) {
    StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
    for (Envelope e : events) {
      out.append(cell(e.time().toString()))
          .append(',')
          .append(cell(e.severity().name().toLowerCase(Locale.ROOT)))
          .append(',')
          .append(cell(e.type()))
          .append(',')
          .append(cell(e.service() == null ? "" : e.service()))
          .append(',')
          .append(cell(e.source()))
          .append(',')
          .append(cell(EventText.describe(e.data())))
          .append("\r\n");
    }
    return out.toString();
  }

  /** One CSV cell: defused if a spreadsheet would take it for a formula, quoted if needed. */
  static String cell(String value) {
    String text = value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0
        || text.startsWith("'")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
