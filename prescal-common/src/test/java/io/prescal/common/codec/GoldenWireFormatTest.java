package io.prescal.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.testing.EventSamples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the wire format: every type's sample encodes to exactly its golden file, and every golden
 * file decodes to the sample. A change here is a change of the contract (see
 * docs/event-contract.md).
 *
 * <p>To regenerate after a deliberate, versioned change: {@code -Dprescal.golden.update=true}.
 */
class GoldenWireFormatTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest
  @EnumSource(EventType.class)
  void encodesToGoldenFile(EventType type) throws IOException {
    Envelope sample = EventSamples.envelope(type);
    String encoded = CODEC.encode(sample);
    if (Boolean.getBoolean("prescal.golden.update")) {
      Path file = Path.of("src/test/resources/golden", type.wireName() + ".json");
      Files.writeString(
          file,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(encoded)) + "\n");
    }
    JsonNode golden = JSON.readTree(golden(type));
    assertThat(JSON.readTree(encoded)).isEqualTo(golden);
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void goldenFileDecodesToSample(EventType type) throws IOException {
    Decoded decoded = CODEC.decode(golden(type));
    assertThat(decoded).isEqualTo(new Decoded.Event(EventSamples.envelope(type)));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void roundTrips(EventType type) {
    Envelope sample = EventSamples.envelope(type);
    assertThat(CODEC.decode(CODEC.encode(sample))).isEqualTo(new Decoded.Event(sample));
    assertThat(CODEC.decode(CODEC.encodeBytes(sample))).isEqualTo(new Decoded.Event(sample));
  }

  private static String golden(EventType type) throws IOException {
    try (InputStream in =
        GoldenWireFormatTest.class.getResourceAsStream("/golden/" + type.wireName() + ".json")) {
      assertThat(in).as("golden file for %s", type.wireName()).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
