package io.prescal.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventsViewTextTest {

  @Test
  void whatAPauseCostIsSaidOnTheButtonAndTheSummary() {
    assertThat(EventsView.pauseLabel(12, 0)).isEqualTo("Resume (12 new)");
    assertThat(EventsView.pauseLabel(2000, 153)).isEqualTo("Resume (2000 new, 153 dropped)");
    assertThat(EventsView.summary(40, 2000, true, 153))
        .isEqualTo("40 of 2000 events · paused · 153 dropped while paused");
    assertThat(EventsView.summary(40, 2000, false, 0)).isEqualTo("40 of 2000 events · live");
  }

  @Test
  void anEmptyLogSaysWhetherNothingCameOrNothingMatches() {
    assertThat(EventsView.summary(1, 1, false, 0)).isEqualTo("1 of 1 event · live");
    assertThat(EventsView.emptyText(true, false))
        .isEqualTo("No events yet: they appear here as proxies and prescal-event publish them.");
    assertThat(EventsView.emptyText(true, true))
        .isEqualTo("No events yet; new ones wait while paused.");
    assertThat(EventsView.emptyText(false, false)).isEqualTo("No event matches these filters.");
  }
}
