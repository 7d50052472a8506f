package io.prescal.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import org.junit.jupiter.api.Test;

/** The log says when a backend event concerns the warm pool rather than a replica. */
class EventTextTest {

  @Test
  void warmPoolBackendsAreNamedAsSuch() {
    assertThat(EventText.describe(new BackendReady("web-1", "127.0.0.1:1", 1840, true)))
        .isEqualTo("web-1 warm: ready after 1.84 s, frozen until a scale-out thaws it");
    assertThat(EventText.describe(new BackendReady("web-1", "127.0.0.1:1", 12)))
        .isEqualTo("web-1 ready after 12.0 ms");
    assertThat(
            EventText.describe(
                new BackendAdded("web-1", "127.0.0.1:1", BackendKind.PROCESS, "7", null, true)))
        .isEqualTo("web-1 added to the warm pool (process) at 127.0.0.1:1");
    assertThat(EventText.describe(new BackendRemoved("web-1", "warm pool shrank", 0, 0, true)))
        .startsWith("web-1 removed from the warm pool (warm pool shrank)");
    assertThat(EventText.describe(new BackendFailed("web-1", "it died", 1, false, true)))
        .isEqualTo("web-1 (warm pool) failed: it died");
  }
}
