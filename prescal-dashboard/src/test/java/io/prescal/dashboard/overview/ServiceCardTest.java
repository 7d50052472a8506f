package io.prescal.dashboard.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.BackendReady;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.ServiceState;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.ui.Tile;
import io.prescal.testing.EventSamples;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The card's figures from a state, without a browser. */
class ServiceCardTest {

  private final StateSnapshot state = (StateSnapshot) EventSamples.data(EventType.STATE);
  private final ServiceState web = state.services().getFirst();

  @Test
  void figuresShowTheServiceStateWithUnits() {
    ServiceCard card = new ServiceCard("web", Duration.ofMinutes(5));
    card.update(web, 1_000);
    List<Tile> tiles = card.tilesForTest();
    assertThat(tiles.get(0).value()).isEqualTo("2 / 4");
    assertThat(tiles.get(0).detail()).isEqualTo("ready / desired · min 1 · max 10");
    assertThat(tiles.get(1).value()).isEqualTo("310 req/s");
    assertThat(tiles.get(2).value()).isEqualTo("0.20 %");
    assertThat(tiles.get(3).value()).isEqualTo("48.0 ms");
    assertThat(tiles.get(3).detail()).isEqualTo("p50 12.5 ms");
    assertThat(tiles.get(4).value()).isEqualTo("1");
    assertThat(tiles.get(4).detail()).isEqualTo("last took 2.31 s");
    assertThat(tiles.get(5).value()).isEqualTo("7");
    assertThat(tiles.get(5).detail()).isEqualTo("none queued");
    assertThat(card.modeText()).isEqualTo("stable");
  }

  @Test
  void highErrorRateIsFlagged() {
    ServiceCard card = new ServiceCard("web", Duration.ofMinutes(5));
    ServiceState failing =
        new ServiceState("web", 1, 1, 100, 0.25, 1, 2, 0, 0, 0, 0, null, List.of(), false);
    card.update(failing, 1_000);
    assertThat(card.tilesForTest().get(2).getClassNames()).contains("tile-alarm");
    assertThat(card.modeText()).isEqualTo("static");
    assertThat(card.tilesForTest().get(0).detail()).isEqualTo("ready / desired · not autoscaled");
  }

  @Test
  void anIdleServiceShowsNoLatencyAndOneBackendInTheSingular() {
    ServiceCard card = new ServiceCard("web", Duration.ofMinutes(5));
    ServiceState idle =
        new ServiceState(
            "web", 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, null, List.of(web.backends().getFirst()), false);
    card.update(idle, 1_000);
    List<Tile> tiles = card.tilesForTest();
    assertThat(tiles.get(1).detail()).isEqualTo("1 backend");
    assertThat(tiles.get(3).value()).isEqualTo("–");
    assertThat(tiles.get(3).detail()).isEqualTo("no traffic");
  }

  @Test
  void theColdStartsTileSaysWhatStartsTookWhenThereWasNoColdStart() {
    ServiceCard card = new ServiceCard("web", Duration.ofMinutes(5));
    ServiceState none =
        new ServiceState("web", 5, 5, 100, 0, 1, 2, 0, 0, 0, 0, null, List.of(), false);
    card.update(none, 1_000);
    assertThat(card.tilesForTest().get(4).detail()).isEqualTo("none yet");

    StartTimes starts = new StartTimes(3);
    for (long millis : new long[] {9_000, 2_300, 5_000, 3_100}) {
      starts.keep(Envelope.of("proxy-1", "web", new BackendReady("web-1", "127.0.0.1:1", millis)));
    }
    starts.keep(Envelope.of("proxy-1", "api", new BackendReady("api-1", "127.0.0.1:2", 100)));
    // At most 3 kept: the 9 s start and the first 2.3 s one are gone.
    assertThat(starts.of("web")).contains("starts 3.10 s – 5.00 s");
    assertThat(starts.of("api")).contains("starts 100 ms");
    assertThat(starts.of("db")).isEmpty();
    assertThat(starts.keep(Envelope.of("proxy-1", "web", new ColdStart("web-2", 2_000, 1))))
        .isFalse();
    card.startTimes(starts.of("web").orElseThrow());
    assertThat(card.tilesForTest().get(4).detail()).isEqualTo("none yet · starts 3.10 s – 5.00 s");
  }

  @Test
  void systemSummaryCountsProxiesAndAlerts() {
    assertThat(Summaries.system(state))
        .isEqualTo("1 service · 1 proxy · 1 active alert · Redis 0.40 ms");
  }
}
