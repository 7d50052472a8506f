package io.prescal.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.common.codec.Decoded.MalformedKind;
import io.prescal.common.codec.Decoded.SkipReason;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.ScaleCommand;
import io.prescal.testing.EventSamples;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final String HEAD =
      "\"id\":\"1\",\"time\":\"2026-11-25T12:00:00.123Z\",\"source\":\"proxy-1\",\"service\":\"web\"";

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", MalformedKind.NOT_JSON),
        Arguments.of("{", MalformedKind.NOT_JSON),
        Arguments.of("not json at all", MalformedKind.NOT_JSON),
        Arguments.of("{\"schema\":\"1.0\",}", MalformedKind.NOT_JSON),
        Arguments.of("[1,2,3]", MalformedKind.NOT_AN_ENVELOPE),
        Arguments.of("\"a string\"", MalformedKind.NOT_AN_ENVELOPE),
        Arguments.of("42", MalformedKind.NOT_AN_ENVELOPE),
        Arguments.of("null", MalformedKind.NOT_AN_ENVELOPE),
        Arguments.of("{}", MalformedKind.MISSING_FIELD),
        Arguments.of("{\"schema\":1.0,\"type\":\"backend.ready\"}", MalformedKind.MISSING_FIELD),
        Arguments.of("{\"schema\":\"one\",\"type\":\"backend.ready\"}", MalformedKind.BAD_FIELD),
        Arguments.of("{\"schema\":\"1.\",\"type\":\"backend.ready\"}", MalformedKind.BAD_FIELD),
        Arguments.of("{\"schema\":\"1.0\"}", MalformedKind.MISSING_FIELD),
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"backend.ready\",\"time\":\"x\",\"source\":\"p\",\"id\":\"1\",\"data\":{}}",
            MalformedKind.BAD_FIELD),
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"backend.ready\"," + HEAD + "}",
            MalformedKind.MISSING_FIELD),
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"backend.ready\"," + HEAD + ",\"data\":[]}",
            MalformedKind.MISSING_FIELD),
        // Required fields missing, wrong types, values out of range.
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"backend.ready\"," + HEAD + ",\"data\":{}}",
            MalformedKind.BAD_DATA),
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"backend.ready\","
                + HEAD
                + ",\"data\":{\"backendId\":\"b\",\"address\":\"a:1\",\"startupMillis\":\"soon\"}}",
            MalformedKind.BAD_DATA),
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"backend.ready\","
                + HEAD
                + ",\"data\":{\"backendId\":\"b\",\"address\":\"a:1\",\"startupMillis\":-5}}",
            MalformedKind.BAD_DATA),
        // A command without its number must never read as "scale to 0".
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"command.scale\","
                + HEAD
                + ",\"data\":{\"issuer\":\"ops\"}}",
            MalformedKind.BAD_DATA),
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"command.limits\","
                + HEAD
                + ",\"data\":{\"min\":5,\"max\":2,\"issuer\":\"ops\"}}",
            MalformedKind.BAD_DATA),
        // Nor may 2.5 replicas read as 2.
        Arguments.of(
            "{\"schema\":\"1.1\",\"type\":\"command.scale\","
                + HEAD
                + ",\"data\":{\"replicas\":2.5,\"issuer\":\"ops\"}}",
            MalformedKind.BAD_DATA),
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"health.changed\","
                + HEAD
                + ",\"data\":{\"backendId\":\"b\",\"from\":\"HEALTHY\",\"to\":\"ON_FIRE\",\"check\":\"active\",\"reason\":\"r\"}}",
            MalformedKind.BAD_DATA),
        Arguments.of(
            "{\"schema\":\"1.0\",\"type\":\"metrics\","
                + HEAD
                + ",\"data\":{\"intervalMillis\":1000,\"services\":[{\"service\":\"web\",\"readyReplicas\":1,"
                + "\"desiredReplicas\":1,\"queueLength\":0,\"rejected\":0,\"backends\":[{\"backendId\":\"b\","
                + "\"address\":\"a:1\",\"kind\":\"STATIC\",\"state\":\"READY\",\"startedAt\":\"2026-11-25T12:00:00Z\","
                + "\"requests\":1,\"inFlight\":0,\"latency\":\"!!not base64!!\"}]}]}}",
            MalformedKind.BAD_DATA));
  }

  @ParameterizedTest
  @MethodSource
  void malformed(String json, MalformedKind kind) {
    Decoded decoded = CODEC.decode(json);
    assertThat(decoded)
        .isInstanceOfSatisfying(
            Decoded.Malformed.class,
            m -> {
              assertThat(m.kind()).isEqualTo(kind);
              assertThat(m.detail()).isNotBlank().doesNotContain("\n");
            });
  }

  @Test
  void nullInputIsMalformedNotAnException() {
    assertThat(CODEC.decode((String) null)).isInstanceOf(Decoded.Malformed.class);
    assertThat(CODEC.decode((byte[]) null)).isInstanceOf(Decoded.Malformed.class);
  }

  @Test
  void invalidUtf8IsMalformedNotAnException() {
    byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, (byte) 0xc3};
    assertThat(CODEC.decode(garbage)).isInstanceOf(Decoded.Malformed.class);
  }

  @Test
  void oversizedMessagesAreRefusedUnread() {
    EventCodec small = new EventCodec(4096);
    String big = "{\"schema\":\"1.0\",\"pad\":\"" + "x".repeat(5000) + "\"}";
    assertThat(small.decode(big))
        .isInstanceOfSatisfying(
            Decoded.Malformed.class, m -> assertThat(m.kind()).isEqualTo(MalformedKind.OVERSIZED));
    assertThat(small.decode(big.getBytes()))
        .isInstanceOfSatisfying(
            Decoded.Malformed.class, m -> assertThat(m.kind()).isEqualTo(MalformedKind.OVERSIZED));
  }

  @Test
  void unknownTypeIsSkipped() {
    String json = "{\"schema\":\"1.0\",\"type\":\"backend.teleported\"," + HEAD + ",\"data\":{}}";
    assertThat(CODEC.decode(json))
        .isEqualTo(
            new Decoded.Skipped(
                SkipReason.UNKNOWN_TYPE, "backend.teleported", "1.0", java.util.Optional.empty()));
  }

  @Test
  void newerMinorVersionIsSkippedWithBestEffortEvent() {
    String json =
        "{\"schema\":\"1.7\",\"type\":\"backend.ready\","
            + HEAD
            + ",\"data\":{\"backendId\":\"b\",\"address\":\"a:1\",\"startupMillis\":5,\"zone\":\"eu\"}}";
    Decoded decoded = CODEC.decode(json);
    assertThat(decoded)
        .isInstanceOfSatisfying(
            Decoded.Skipped.class,
            s -> {
              assertThat(s.reason()).isEqualTo(SkipReason.NEWER_VERSION);
              assertThat(s.schema()).isEqualTo("1.7");
              assertThat(s.bestEffort())
                  .get()
                  .extracting(Envelope::data)
                  .isEqualTo(new BackendReady("b", "a:1", 5));
            });
    assertThat(decoded.event()).isEmpty();
  }

  @Test
  void otherMajorVersionIsSkipped() {
    String json = "{\"schema\":\"2.0\",\"type\":\"backend.ready\",\"whatever\":true}";
    assertThat(CODEC.decode(json))
        .isInstanceOfSatisfying(
            Decoded.Skipped.class,
            s -> assertThat(s.reason()).isEqualTo(SkipReason.UNSUPPORTED_VERSION));
  }

  @Test
  void unknownFieldsAreIgnored() {
    String json =
        "{\"schema\":\"1.0\",\"type\":\"backend.ready\",\"extra\":1,"
            + HEAD
            + ",\"data\":{\"backendId\":\"b\",\"address\":\"a:1\",\"startupMillis\":5,\"zone\":\"eu\"}}";
    assertThat(CODEC.decode(json).dataAs(BackendReady.class))
        .contains(new BackendReady("b", "a:1", 5));
  }

  @Test
  void nullOptionalFieldsAreLeftOut() {
    Envelope envelope = EventSamples.envelope(EventType.METRICS);
    String json = CODEC.encode(envelope);
    assertThat(json)
        .startsWith("{\"schema\":\"" + SchemaVersion.CURRENT + "\",\"type\":\"metrics\",\"id\"");
    assertThat(json).doesNotContain("\"source\":\"proxy-1\",\"service\"").doesNotContain("null");
  }

  @Test
  void envelopeRefusesATypeThatDoesNotMatchItsData() {
    Envelope sample = EventSamples.envelope(EventType.BACKEND_READY);
    assertThatThrownBy(
            () ->
                new Envelope(
                    "1.0", "command.scale", "1", sample.time(), "p", "web", sample.data(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("type: \"command.scale\" (expected: \"backend.ready\")");
  }

  @Test
  void newEnvelopeIsStampedAtCurrentSchema() {
    Envelope envelope = Envelope.of("proxy-1", "web", new ScaleCommand(2, "ops"));
    assertThat(envelope.schema()).isEqualTo(SchemaVersion.CURRENT.toString());
    assertThat(envelope.type()).isEqualTo("command.scale");
    assertThat(envelope.time().getNano() % 1_000_000).isZero();
  }
}
