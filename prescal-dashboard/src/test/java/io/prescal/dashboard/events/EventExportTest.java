package io.prescal.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.testing.EventSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventExportTest {

  private final EventCodec codec = new EventCodec();

  @Test
  void jsonIsAnArrayOfTheEnvelopesAsOnTheWire() {
    Envelope ready = EventSamples.envelope(EventType.BACKEND_READY);
    Envelope failed = EventSamples.envelope(EventType.BACKEND_FAILED);
    String json = EventExport.json(List.of(ready, failed), codec);
    assertThat(json)
        .isEqualTo("[\n" + codec.encode(ready) + ",\n" + codec.encode(failed) + "\n]\n");
    assertThat(EventExport.json(List.of(), codec)).isEqualTo("[]\n");
  }

  @Test
  void csvHasTheLogsColumnsAndQuotesWhatNeedsIt() {
    Envelope failed = EventSamples.envelope(EventType.BACKEND_FAILED);
    String csv = EventExport.csv(List.of(failed));
    assertThat(csv)
        .isEqualTo(
            "time,severity,type,service,source,what happened\r\n"
                + failed.time()
                + ",warning,backend.failed,web,proxy-1,"
                + "\"web-3f2a failed: container died (exit 137), killed for memory\"\r\n");
    assertThat(EventExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(EventExport.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(EventExport.cell("plain")).isEqualTo("plain");
  }

  @Test
  void cellsASpreadsheetWouldRunAsFormulasAreText() {
    for (String attack :
        List.of(
            "=HYPERLINK(\"http://evil\",\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "=cmd|' /C calc'!A0")) {
      String cell = EventExport.cell(attack);
      assertThat(cell).as(attack).startsWith("\"'");
    }
    // Through the whole export: a reason typed by someone else cannot become a formula.
    Envelope evil = Envelope.of("=proxy", "@web", new BackendFailed("-b", "=1+1", null, false));
    String row = EventExport.csv(List.of(evil)).split("\r\n")[1];
    assertThat(row).endsWith(",\"'@web\",\"'=proxy\",\"'-b failed: =1+1\"");
  }
}
