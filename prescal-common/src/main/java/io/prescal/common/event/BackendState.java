package io.prescal.common.event;

/** The life of a backend as the proxy sees it. */
public enum BackendState {
  /** Started, readiness probe not passed yet: gets no traffic. */
  STARTING,
  /** In the pool, gets traffic. */
  READY,
  /** Out of the pool for new requests, finishing those in flight before it stops. */
  DRAINING,
  /** Temporarily out of the pool after failing health checks or outlier detection. */
  EJECTED,
  /** Gone. */
  REMOVED
}
