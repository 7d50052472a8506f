package io.prescal.dashboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void ratesAreShortAndDropTrailingZeros() {
    assertThat(Figures.rate(0)).isEqualTo("0");
    assertThat(Figures.rate(-3)).isEqualTo("0");
    assertThat(Figures.rate(Double.NaN)).isEqualTo("0");
    assertThat(Figures.rate(4.2)).isEqualTo("4.2");
    assertThat(Figures.rate(4.25)).isEqualTo("4.25");
    assertThat(Figures.rate(12.0)).isEqualTo("12");
    assertThat(Figures.rate(310.4)).isEqualTo("310");
    assertThat(Figures.rate(12_400)).isEqualTo("12.4k");
  }

  @Test
  void percentagesKeepSmallErrorRatesVisible() {
    assertThat(Figures.percent(0)).isEqualTo("0 %");
    assertThat(Figures.percent(0.002)).isEqualTo("0.20 %");
    assertThat(Figures.percent(0.075)).isEqualTo("7.5 %");
    assertThat(Figures.percent(1)).isEqualTo("100 %");
  }

  @Test
  void latenciesSwitchToSecondsAboveOneSecond() {
    assertThat(Figures.millis(0)).isEqualTo("0 ms");
    assertThat(Figures.millis(0.42)).isEqualTo("0.42 ms");
    assertThat(Figures.millis(12.5)).isEqualTo("12.5 ms");
    assertThat(Figures.millis(480)).isEqualTo("480 ms");
    assertThat(Figures.millis(1250)).isEqualTo("1.25 s");
    assertThat(Figures.millis(15_000)).isEqualTo("15.0 s");
  }

  @Test
  void agesUseTheTwoLargestUnits() {
    assertThat(Figures.age(45)).isEqualTo("45 s");
    assertThat(Figures.age(200)).isEqualTo("3 m 20 s");
    assertThat(Figures.age(60)).isEqualTo("1 m");
    assertThat(Figures.age(7500)).isEqualTo("2 h 5 m");
    assertThat(Figures.age(273_600)).isEqualTo("3 d 4 h");
  }

  @Test
  void memoryReadsInMibOrGib() {
    assertThat(Figures.bytes(256L << 20)).isEqualTo("256 MiB");
    assertThat(Figures.bytes(1280L << 20)).isEqualTo("1.25 GiB");
    assertThat(Figures.bytes(16L << 30)).isEqualTo("16 GiB");
    assertThat(Figures.bytes(0)).isEqualTo("0 MiB");
  }

  @Test
  void countsAreSingularForOneOnly() {
    assertThat(Figures.count(1, "backend")).isEqualTo("1 backend");
    assertThat(Figures.count(0, "backend")).isEqualTo("0 backends");
    assertThat(Figures.count(2, "replica")).isEqualTo("2 replicas");
    assertThat(Figures.count(1, "proxy", "proxies")).isEqualTo("1 proxy");
    assertThat(Figures.count(3, "proxy", "proxies")).isEqualTo("3 proxies");
  }

  @Test
  void anIdleServiceHasNoLatencyRatherThanZeroMilliseconds() {
    assertThat(Figures.latency(0, 0)).isEqualTo("–");
    assertThat(Figures.latency(12.5, 0)).isEqualTo("–");
    assertThat(Figures.latency(12.5, Double.NaN)).isEqualTo("–");
    assertThat(Figures.latency(12.5, 0.1)).isEqualTo("12.5 ms");
    assertThat(Figures.latency(0, 3)).isEqualTo("0 ms");
  }
}
