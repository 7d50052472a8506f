package io.prescal.common.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.prescal.common.codec.Decoded.MalformedKind;
import io.prescal.common.codec.Decoded.SkipReason;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.history.HistoryPoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@link Envelope}s as JSON and reads them back. Thread-safe; create one and share it.
 *
 * <p>The wire form is an object with {@code schema}, {@code type}, {@code id}, {@code time}
 * (ISO-8601 UTC, milliseconds), {@code source}, {@code service} (absent when null), {@code data}
 * (the record's components; null fields absent) and {@code signature} (commands only). Decoding
 * never throws.
 */
public final class EventCodec {

  /** Messages larger than this (in UTF-8 bytes) are refused unread by default: 1 MiB. */
  public static final int DEFAULT_MAX_BYTES = 1 << 20;

  private final JsonMapper mapper;
  private final JsonMapper canonicalMapper;
  private final int maxBytes;

  /** A codec that refuses messages over {@link #DEFAULT_MAX_BYTES}. */
  public EventCodec() {
    this(DEFAULT_MAX_BYTES);
  }

  /** A codec that refuses messages over {@code maxBytes}. */
  public EventCodec(int maxBytes) {
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 1024)");
    }
    this.maxBytes = maxBytes;
    this.mapper = baseMapper().build();
    this.canonicalMapper =
        baseMapper()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
  }

  private static JsonMapper.Builder baseMapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // A missing number must not read as 0: "scale to 0" by accident is not acceptable.
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        // Nor may 2.5 replicas read as 2: a count is a whole number or the message is malformed.
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .changeDefaultPropertyInclusion(
            incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL));
  }

  /** The message's largest accepted size in UTF-8 bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  /** The JSON text of {@code envelope}. */
  public String encode(Envelope envelope) {
    return mapper.writeValueAsString(toTree(envelope, mapper));
  }

  /** The JSON of {@code envelope} in UTF-8. */
  public byte[] encodeBytes(Envelope envelope) {
    return encode(envelope).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A stable text of every field but the signature: what {@link CommandSigner} signs. Keys sorted,
   * so reader and writer compute the same text from equal envelopes.
   */
  public String canonical(Envelope envelope) {
    return canonicalMapper.writeValueAsString(
        toTree(envelope.withSignature(null), canonicalMapper));
  }

  private static ObjectNode toTree(Envelope envelope, JsonMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("schema", envelope.schema());
    root.put("type", envelope.type());
    root.put("id", envelope.id());
    root.put("time", envelope.time().toString());
    root.put("source", envelope.source());
    if (envelope.service() != null) {
      root.put("service", envelope.service());
    }
    root.set("data", mapper.valueToTree(envelope.data()));
    if (envelope.signature() != null) {
      root.put("signature", envelope.signature());
    }
    return root;
  }

  /** The JSON of a history point. */
  public String writePoint(HistoryPoint point) {
    return mapper.writeValueAsString(point);
  }

  /**
   * Reads a history point.
   *
   * @throws IllegalArgumentException when {@code json} is not a history point
   */
  public HistoryPoint readPoint(String json) {
    try {
      return mapper.readValue(json, HistoryPoint.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("history point: " + first(e), e);
    }
  }

  /** Reads one message. Never throws. */
  public Decoded decode(byte[] utf8) {
    if (utf8 == null) {
      return new Decoded.Malformed(MalformedKind.NOT_JSON, "message: null");
    }
    if (utf8.length > maxBytes) {
      return oversized(utf8.length);
    }
    return decode(new String(utf8, StandardCharsets.UTF_8));
  }

  /** Reads one message. Never throws. */
  public Decoded decode(String json) {
    if (json == null) {
      return new Decoded.Malformed(MalformedKind.NOT_JSON, "message: null");
    }
    // A char is at most 3 UTF-8 bytes; only measure exactly when it could matter.
    if (json.length() > maxBytes / 3 && json.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      return oversized(json.getBytes(StandardCharsets.UTF_8).length);
    }
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JacksonException e) {
      return new Decoded.Malformed(MalformedKind.NOT_JSON, "message: not JSON (" + first(e) + ")");
    }
    if (root == null || root.isMissingNode()) {
      return new Decoded.Malformed(MalformedKind.NOT_JSON, "message: empty (expected: JSON)");
    }
    if (!root.isObject()) {
      return new Decoded.Malformed(
          MalformedKind.NOT_AN_ENVELOPE,
          "message: " + root.getNodeType() + " (expected: an object)");
    }
    try {
      return decodeEnvelope(root);
    } catch (RuntimeException e) {
      // Belt and braces: whatever a message holds, the consumer loop goes on.
      return new Decoded.Malformed(MalformedKind.BAD_DATA, "message: " + first(e));
    }
  }

  private Decoded decodeEnvelope(JsonNode root) {
    Optional<String> schemaText = text(root, "schema");
    if (schemaText.isEmpty()) {
      return missing("schema");
    }
    SchemaVersion version;
    try {
      version = SchemaVersion.parse(schemaText.get());
    } catch (IllegalArgumentException e) {
      return new Decoded.Malformed(MalformedKind.BAD_FIELD, e.getMessage());
    }
    Optional<String> type = text(root, "type");
    if (type.isEmpty()) {
      return missing("type");
    }
    if (version.major() != SchemaVersion.CURRENT.major()) {
      return new Decoded.Skipped(
          SkipReason.UNSUPPORTED_VERSION, type.get(), schemaText.get(), Optional.empty());
    }
    Optional<EventType> eventType = EventType.byWireName(type.get());
    if (eventType.isEmpty()) {
      return new Decoded.Skipped(
          SkipReason.UNKNOWN_TYPE, type.get(), schemaText.get(), Optional.empty());
    }
    for (String field : new String[] {"id", "time", "source"}) {
      if (text(root, field).isEmpty()) {
        return missing(field);
      }
    }
    Instant time;
    try {
      time = Instant.parse(text(root, "time").orElseThrow());
    } catch (DateTimeParseException e) {
      return new Decoded.Malformed(
          MalformedKind.BAD_FIELD,
          "time: \"" + text(root, "time").orElseThrow() + "\" (expected: ISO-8601 UTC instant)");
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      return missing("data");
    }
    PrescalEvent event;
    try {
      event = mapper.treeToValue(data, eventType.get().recordClass());
    } catch (JacksonException e) {
      return new Decoded.Malformed(
          MalformedKind.BAD_DATA, "data of " + type.get() + ": " + first(e));
    }
    Envelope envelope;
    try {
      envelope =
          new Envelope(
              schemaText.get(),
              type.get(),
              text(root, "id").orElseThrow(),
              time,
              text(root, "source").orElseThrow(),
              text(root, "service").orElse(null),
              event,
              text(root, "signature").orElse(null));
    } catch (IllegalArgumentException e) {
      return new Decoded.Malformed(MalformedKind.BAD_FIELD, e.getMessage());
    }
    if (version.minor() > SchemaVersion.CURRENT.minor()) {
      return new Decoded.Skipped(
          SkipReason.NEWER_VERSION, type.get(), schemaText.get(), Optional.of(envelope));
    }
    return new Decoded.Event(envelope);
  }

  private static Optional<String> text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node != null && node.isString() && !node.stringValue().isBlank()
        ? Optional.of(node.stringValue())
        : Optional.empty();
  }

  private static Decoded missing(String field) {
    return new Decoded.Malformed(
        MalformedKind.MISSING_FIELD, field + ": missing (expected: a non-blank string)");
  }

  private Decoded oversized(int bytes) {
    return new Decoded.Malformed(
        MalformedKind.OVERSIZED, "message: " + bytes + " bytes (expected: <= " + maxBytes + ")");
  }

  /** The first line of an exception's message: Jackson's carry a long location suffix. */
  private static String first(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() instanceof IllegalArgumentException iae) {
      cause = iae;
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
