package io.prescal.common.event;

/** How much attention an event deserves. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
