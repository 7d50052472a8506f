package io.prescal.proxy.provider.docker;

import java.util.HashMap;
import java.util.Map;

/** The labels every container Prescal starts carries, and the filters that find them again. */
final class ContainerLabels {

  static final String PREFIX = "io.prescal.";
  static final String MANAGED = "io.prescal.managed";
  static final String SERVICE = "io.prescal.service";
  static final String OWNER = "io.prescal.owner";
  static final String BACKEND = "io.prescal.backend";

  /**
   * On a container started for the warm pool. Labels cannot change, so a warm container that a
   * scale-out thawed keeps it while it serves as a replica: whether it is warm now is whether it is
   * paused.
   */
  static final String WARM = "io.prescal.warm";

  /** The labels that find one owner's containers of one service. */
  static Map<String, String> of(String owner, String service) {
    return Map.of(MANAGED, "true", SERVICE, service, OWNER, owner);
  }

  /**
   * Every label of a new container: the user's, then Prescal's own ({@link #WARM} on one started
   * for the warm pool).
   */
  static Map<String, String> forNew(
      DockerSettings settings, String service, String backendId, boolean warm) {
    var labels = new HashMap<>(settings.labels());
    labels.putAll(of(settings.owner(), service));
    labels.put(BACKEND, backendId);
    if (warm) {
      labels.put(WARM, "true");
    }
    return labels;
  }

  /** Whether a container with {@code labels} belongs to {@code owner}'s {@code service}. */
  static boolean belongsTo(Map<String, String> labels, String owner, String service) {
    return labels != null
        && "true".equals(labels.get(MANAGED))
        && service.equals(labels.get(SERVICE))
        && owner.equals(labels.get(OWNER));
  }

  private ContainerLabels() {}
}
