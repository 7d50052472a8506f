package io.prescal.common.codec;

import io.prescal.common.event.Envelope;
import io.prescal.common.event.PrescalEvent;
import java.util.Optional;

/** What decoding one message gave: an event, something to skip, or a typed failure. */
public sealed interface Decoded {

  /** A well-formed message of a known type at a version this build reads. */
  record Event(Envelope envelope) implements Decoded {}

  /**
   * A well-formed message this build does not act on; count it and go on.
   *
   * @param reason why it is skipped
   * @param type the message's type
   * @param schema the message's schema version
   * @param bestEffort for {@link SkipReason#NEWER_VERSION} of a known type, the fields this build
   *     knows; empty otherwise
   */
  record Skipped(SkipReason reason, String type, String schema, Optional<Envelope> bestEffort)
      implements Decoded {}

  /**
   * A message that is not a valid envelope.
   *
   * @param kind what is wrong, for counting and log-once
   * @param detail one sentence naming the offending value
   */
  record Malformed(MalformedKind kind, String detail) implements Decoded {}

  /** Why a well-formed message is skipped. */
  enum SkipReason {
    /** The type is not one this build knows (a newer writer). */
    UNKNOWN_TYPE,
    /** Same major version, newer minor: see {@link SchemaVersion}. */
    NEWER_VERSION,
    /** Another major version. */
    UNSUPPORTED_VERSION
  }

  /** What is wrong with a malformed message. */
  enum MalformedKind {
    /** Larger than the codec's limit. */
    OVERSIZED,
    /** Not JSON at all. */
    NOT_JSON,
    /** JSON, but not an object. */
    NOT_AN_ENVELOPE,
    /** A required envelope field is missing or of the wrong JSON type. */
    MISSING_FIELD,
    /** The schema or time field cannot be read. */
    BAD_FIELD,
    /** The data does not fit the type's record (missing, wrong type or invalid values). */
    BAD_DATA
  }

  /** The envelope, if this is an {@link Event}. */
  default Optional<Envelope> event() {
    return this instanceof Event e ? Optional.of(e.envelope()) : Optional.empty();
  }

  /** The event's data if this is an {@link Event} of type {@code type}. */
  default <T extends PrescalEvent> Optional<T> dataAs(Class<T> type) {
    return event().map(Envelope::data).filter(type::isInstance).map(type::cast);
  }
}
