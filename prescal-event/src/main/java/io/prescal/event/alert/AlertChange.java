package io.prescal.event.alert;

import io.prescal.common.event.PrescalEvent;

/**
 * An alert raised or cleared, to publish and log.
 *
 * @param service the service concerned, or null (a proxy)
 * @param event an {@code AlertRaised} or {@code AlertCleared}
 */
public record AlertChange(String service, PrescalEvent event) {}
