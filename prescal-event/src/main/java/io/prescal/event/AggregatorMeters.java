package io.prescal.event;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prescal.event.aggregate.Aggregator;
import io.prescal.event.aggregate.AggregatorBounds;
import java.util.function.ToDoubleFunction;

/** Prometheus meters of what the {@link Aggregator} tracks against its limits. */
final class AggregatorMeters {

  private AggregatorMeters() {}

  /** Registers the meters of {@code aggregator}. */
  static void register(MeterRegistry meters, Aggregator aggregator) {
    gauge(
        meters,
        aggregator,
        "prescal.event.proxies.tracked",
        "Proxy instances tracked",
        b -> b.proxies());
    gauge(
        meters,
        aggregator,
        "prescal.event.proxies.limit",
        "The most proxy instances tracked (limits.max-proxies)",
        b -> b.maxProxies());
    counter(
        meters,
        aggregator,
        "prescal.event.proxies.refused",
        "New proxy names ignored because limits.max-proxies were tracked",
        b -> b.proxiesRefused());
    gauge(
        meters,
        aggregator,
        "prescal.event.services.tracked",
        "Services tracked",
        b -> b.services());
    gauge(
        meters,
        aggregator,
        "prescal.event.services.limit",
        "The most services tracked (limits.max-services)",
        b -> b.maxServices());
    counter(
        meters,
        aggregator,
        "prescal.event.services.refused",
        "New service names ignored because limits.max-services were tracked",
        b -> b.servicesRefused());
    counter(
        meters,
        aggregator,
        "prescal.event.services.forgotten",
        "Services forgotten: nothing heard of them for forget-after",
        b -> b.servicesForgotten());
  }

  private static void gauge(
      MeterRegistry meters,
      Aggregator aggregator,
      String name,
      String description,
      ToDoubleFunction<AggregatorBounds> value) {
    Gauge.builder(name, aggregator, a -> value.applyAsDouble(a.bounds()))
        .description(description)
        .register(meters);
  }

  private static void counter(
      MeterRegistry meters,
      Aggregator aggregator,
      String name,
      String description,
      ToDoubleFunction<AggregatorBounds> value) {
    FunctionCounter.builder(name, aggregator, a -> value.applyAsDouble(a.bounds()))
        .description(description)
        .register(meters);
  }
}
