package io.prescal.event.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ServiceState;

/**
 * A service in the read API: its live state (fields at the top level) plus its scale decisions.
 *
 * @param state the state as last published on {@code prescal:state}
 * @param scaleDecisions scale decisions seen since prescal-event started
 * @param lastDecision the last one, or null
 */
record ServiceResponse(
    @JsonUnwrapped ServiceState state, long scaleDecisions, ScaleDecision lastDecision) {}
