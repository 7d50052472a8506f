package io.prescal.common.event;

/**
 * What the autoscaler saw when it decided: enough to recompute the decision by hand.
 *
 * @param stableConcurrency average in-flight requests over the stable window (whole service)
 * @param panicConcurrency average in-flight requests over the panic window (whole service)
 * @param stableRate requests per second over the stable window
 * @param panicRate requests per second over the panic window
 * @param target the target per backend, after target utilization: in-flight requests, or requests
 *     per second when the service scales on request rate
 * @param stableWindowMillis width of the stable window
 * @param panicWindowMillis width of the panic window
 * @param panicThreshold demand over capacity, in the panic window, that starts panic mode
 * @param min the minimum replica count
 * @param max the maximum replica count
 * @param observedConcurrency in-flight requests (held ones included) counted at once when the
 *     request path saw a burst over the panic threshold: the decision took the larger of this and
 *     {@code panicConcurrency} as the panic window's demand; absent (null) when no burst prompted
 *     it. Schema 1.2
 */
public record ScaleInputs(
    double stableConcurrency,
    double panicConcurrency,
    double stableRate,
    double panicRate,
    double target,
    long stableWindowMillis,
    long panicWindowMillis,
    double panicThreshold,
    int min,
    int max,
    Double observedConcurrency) {

  public ScaleInputs {
    Require.nonNegative(stableConcurrency, "stableConcurrency");
    Require.nonNegative(panicConcurrency, "panicConcurrency");
    Require.nonNegative(stableRate, "stableRate");
    Require.nonNegative(panicRate, "panicRate");
    Require.nonNegative(target, "target");
    Require.nonNegative(stableWindowMillis, "stableWindowMillis");
    Require.nonNegative(panicWindowMillis, "panicWindowMillis");
    Require.nonNegative(panicThreshold, "panicThreshold");
    Require.nonNegative(min, "min");
    if (observedConcurrency != null) {
      Require.nonNegative(observedConcurrency, "observedConcurrency");
    }
    if (max < min) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= min=" + min + ")");
    }
  }

  /** Inputs without a burst seen at once (decided on the windows alone). */
  public ScaleInputs(
      double stableConcurrency,
      double panicConcurrency,
      double stableRate,
      double panicRate,
      double target,
      long stableWindowMillis,
      long panicWindowMillis,
      double panicThreshold,
      int min,
      int max) {
    this(
        stableConcurrency,
        panicConcurrency,
        stableRate,
        panicRate,
        target,
        stableWindowMillis,
        panicWindowMillis,
        panicThreshold,
        min,
        max,
        null);
  }
}
