package io.prescal.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.EventType;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/event-contract.md must name every type and every field: the table is the contract's
 * reference.
 */
class EventDocsTest {

  private static final Path DOC = Path.of("../docs/event-contract.md");

  @ParameterizedTest
  @EnumSource(EventType.class)
  void everyTypeAndFieldIsDocumented(EventType type) throws IOException {
    String doc = Files.readString(DOC);
    assertThat(doc).contains("| `" + type.wireName() + "` |");
    for (RecordComponent component : type.recordClass().getRecordComponents()) {
      assertThat(doc)
          .as("docs/event-contract.md names field %s of %s", component.getName(), type.wireName())
          .contains("`" + component.getName() + "`");
    }
  }
}
