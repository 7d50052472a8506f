/**
 * The autoscaler: a pure, clock-driven decision per service ({@link
 * io.prescal.proxy.scale.Autoscaler}) in the manner of Knative's KPA. Load samples go in, a {@link
 * io.prescal.common.event.ScaleDecision} with its inputs and a one-sentence reason comes out. No
 * threads and no Docker here: the scale loop that applies decisions lives elsewhere.
 */
package io.prescal.proxy.scale;
