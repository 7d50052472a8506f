package io.prescal.common.event;

import io.prescal.common.codec.SchemaVersion;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The wrapper of every message on a Prescal channel.
 *
 * @param schema the contract version the writer used, "major.minor" (see {@link SchemaVersion})
 * @param type the wire name of {@code data}'s type (see {@link EventType})
 * @param id unique id of this message
 * @param time when it was written, millisecond precision
 * @param source who wrote it: a proxy instance id, "event", or "dashboard"
 * @param service the service it concerns, or null when it concerns several or none
 * @param data the event
 * @param signature HMAC of the rest, for commands; null otherwise
 */
public record Envelope(
    String schema,
    String type,
    String id,
    Instant time,
    String source,
    String service,
    PrescalEvent data,
    String signature) {
  public Envelope {
    Require.text(schema, "schema");
    Require.text(type, "type");
    Require.text(id, "id");
    Require.present(time, "time");
    Require.text(source, "source");
    Require.present(data, "data");
    if (!EventType.of(data).wireName().equals(type)) {
      throw new IllegalArgumentException(
          "type: \"" + type + "\" (expected: \"" + EventType.of(data).wireName() + "\")");
    }
  }

  /** A new envelope for {@code data}, stamped now with a random id at the current schema. */
  public static Envelope of(String source, String service, PrescalEvent data) {
    return of(source, service, data, Instant.now());
  }

  /** A new envelope for {@code data} at {@code time} with a random id at the current schema. */
  public static Envelope of(String source, String service, PrescalEvent data, Instant time) {
    return new Envelope(
        SchemaVersion.CURRENT.toString(),
        EventType.of(data).wireName(),
        UUID.randomUUID().toString(),
        time.truncatedTo(ChronoUnit.MILLIS),
        source,
        service,
        data,
        null);
  }

  /** This envelope with {@code signature} set. */
  public Envelope withSignature(String signature) {
    return new Envelope(schema, type, id, time, source, service, data, signature);
  }

  /** The event's severity. */
  public Severity severity() {
    return data.severity();
  }
}
