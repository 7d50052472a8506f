package io.prescal.dashboard.service;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.dashboard.ui.Figures;

/** How a change of replicas reads in the confirm dialog: current to new, and its memory. */
final class ReplicaChange {

  /** "2 -> 5 replicas (min 1, max 6; ceiling 16)". */
  static String fix(int current, int replicas, AutoscalerStatus a) {
    return current
        + " -> "
        + Figures.count(replicas, "replica")
        + " (min "
        + a.min()
        + ", max "
        + a.max()
        + ceiling(a.bounds())
        + ")";
  }

  /** "min 1 -> 2, max 4 -> 6 (2 replicas ready now; ceiling 16)". */
  static String limits(int current, int min, int max, AutoscalerStatus a) {
    return "min "
        + a.min()
        + " -> "
        + min
        + ", max "
        + a.max()
        + " -> "
        + max
        + " ("
        + Figures.count(current, "replica")
        + " ready now"
        + ceiling(a.bounds())
        + ")";
  }

  /**
   * "about 1.25 GiB of memory (5 x 256 MiB per backend)", "up to ..." for a maximum, or says it is
   * unknown.
   */
  static String cost(int replicas, boolean upTo, ScalingBounds bounds) {
    if (bounds == null || bounds.memoryPerBackend() <= 0) {
      return "Memory: unknown (this proxy does not say how much a backend takes).";
    }
    return "Memory: "
        + (upTo ? "up to " : "about ")
        + Figures.bytes(replicas * bounds.memoryPerBackend())
        + " ("
        + replicas
        + " x "
        + Figures.bytes(bounds.memoryPerBackend())
        + " per backend).";
  }

  private static String ceiling(ScalingBounds bounds) {
    return bounds == null ? "" : "; ceiling " + bounds.maxReplicas();
  }

  private ReplicaChange() {}
}
