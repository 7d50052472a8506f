package io.prescal.dashboard.overview;

import static org.assertj.core.api.Assertions.assertThat;

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
  void systemSummaryCountsProxiesAndAlerts() {
    assertThat(Summaries.system(state))
        .isEqualTo("1 service · 1 proxy · 1 active alert · Redis 0.40 ms");
  }
}
