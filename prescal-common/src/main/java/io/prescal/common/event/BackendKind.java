package io.prescal.common.event;

/** Where a backend comes from: its provider. */
public enum BackendKind {
  /** Listed in the configuration. */
  STATIC,
  /** A container started (or adopted) through the Docker Engine API. */
  DOCKER,
  /** A local process started from a command template. */
  PROCESS
}
