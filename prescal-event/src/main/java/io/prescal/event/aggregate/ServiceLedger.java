package io.prescal.event.aggregate;

import io.prescal.common.event.ScaleDecision;

/**
 * What one service's discrete events add to its figures: cold starts and scale decisions since this
 * service started.
 *
 * @param coldStarts cold starts seen
 * @param lastColdStartMillis the last cold start's duration, 0 when none
 * @param scaleDecisions scale decisions seen
 * @param lastDecision the last one, or null
 */
public record ServiceLedger(
    long coldStarts, long lastColdStartMillis, long scaleDecisions, ScaleDecision lastDecision) {

  static final ServiceLedger EMPTY = new ServiceLedger(0, 0, 0, null);

  ServiceLedger coldStart(long millis) {
    return new ServiceLedger(coldStarts + 1, millis, scaleDecisions, lastDecision);
  }

  ServiceLedger decision(ScaleDecision decision) {
    return new ServiceLedger(coldStarts, lastColdStartMillis, scaleDecisions + 1, decision);
  }
}
