package io.prescal.proxy.pool;

/**
 * How a {@link NoBackendPolicy} says that a held browser request has waited long enough: the
 * request path answers it with a small self-refreshing "starting" page (503 and Retry-After)
 * instead of letting it wait on. A failure without a stack trace, one instance for all: it is an
 * answer, not an error.
 */
public final class StartingPage extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final StartingPage INSTANCE = new StartingPage();

  private StartingPage() {
    super("show the starting page", null, false, false);
  }
}
