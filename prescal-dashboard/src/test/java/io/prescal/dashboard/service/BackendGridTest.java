package io.prescal.dashboard.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.BackendStatus;
import org.junit.jupiter.api.Test;

/** What the backend table's narrow "Image / program" column shows. */
class BackendGridTest {

  private static BackendStatus backend(BackendKind kind, String image) {
    return new BackendStatus(
        "web-1", kind, null, image, "127.0.0.1:1", BackendState.READY, 0, 0, 0, 0, 1);
  }

  @Test
  void aProcessShowsItsProgramNotItsWholeCommandLine() {
    assertThat(
            BackendGrid.what(
                backend(
                    BackendKind.PROCESS,
                    "/usr/lib/jvm/temurin-25/bin/java -Xmx64m -jar /opt/demo/demo-backend.jar"
                        + " --port 40001")))
        .isEqualTo("java …");
    assertThat(BackendGrid.what(backend(BackendKind.PROCESS, "./server"))).isEqualTo("server");
    assertThat(BackendGrid.what(backend(BackendKind.PROCESS, "  "))).isEqualTo("–");
    assertThat(BackendGrid.what(backend(BackendKind.PROCESS, "/"))).isEqualTo("/");
  }

  @Test
  void aContainerShowsItsImage() {
    assertThat(BackendGrid.what(backend(BackendKind.DOCKER, "prescal/demo-backend:it")))
        .isEqualTo("prescal/demo-backend:it");
    assertThat(BackendGrid.what(backend(BackendKind.STATIC, null))).isEqualTo("–");
  }
}
