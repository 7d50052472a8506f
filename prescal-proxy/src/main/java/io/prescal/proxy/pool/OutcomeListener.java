package io.prescal.proxy.pool;

/**
 * Hears how each request to a backend went, for passive health checking (outlier ejection). Called
 * on event loops: implementations never block.
 */
public interface OutcomeListener {
  /** Hears nothing. */
  OutcomeListener NONE =
      new OutcomeListener() {
        @Override
        public void onResponse(ServicePool pool, Backend backend, int status) {}

        @Override
        public void onConnectFailure(ServicePool pool, Backend backend) {}
      };

  /** The backend answered with {@code status}. */
  void onResponse(ServicePool pool, Backend backend, int status);

  /** No connection to the backend could be opened. */
  void onConnectFailure(ServicePool pool, Backend backend);
}
