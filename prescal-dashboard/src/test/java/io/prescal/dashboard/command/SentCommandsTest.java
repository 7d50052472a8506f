package io.prescal.dashboard.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.PauseCommand;
import io.prescal.dashboard.command.SentCommand.Status;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SentCommandsTest {

  private final SentCommands outcomes = new SentCommands(Duration.ofSeconds(10));
  private final Envelope command = Envelope.of("dashboard", "web", new PauseCommand("ops"));

  @Test
  void answerIsMatchedByCommandId() {
    outcomes.sent(command, "pause autoscaling");
    Envelope other =
        Envelope.of("proxy-1", "web", new CommandAccepted("someone-else", "command.pause", "x"));
    assertThat(outcomes.answer(other)).isEmpty();
    Envelope ours =
        Envelope.of("proxy-1", "web", new CommandAccepted(command.id(), "command.pause", "paused"));
    assertThat(outcomes.answer(ours))
        .get()
        .extracting(SentCommand::status)
        .isEqualTo(Status.ACCEPTED);
    assertThat(outcomes.all().getFirst().detail()).isEqualTo("paused");
  }

  @Test
  void acceptedByOneProxyOutweighsRejectedByAnother() {
    outcomes.sent(command, "pause autoscaling");
    outcomes.answer(
        Envelope.of(
            "proxy-2",
            "web",
            new CommandRejected(command.id(), "command.pause", "unknown service")));
    assertThat(outcomes.all().getFirst().status()).isEqualTo(Status.REJECTED);
    outcomes.answer(
        Envelope.of(
            "proxy-1", "web", new CommandAccepted(command.id(), "command.pause", "paused")));
    assertThat(outcomes.all().getFirst().status()).isEqualTo(Status.ACCEPTED);
  }

  @Test
  void unansweredAfterTheTimeoutWithAHint() {
    outcomes.sent(command, "pause autoscaling");
    assertThat(outcomes.expire(command.time().plusSeconds(5))).isEmpty();
    assertThat(outcomes.expire(command.time().plusSeconds(11)))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(Status.UNANSWERED);
              assertThat(o.detail()).contains("same command secret");
            });
    assertThat(outcomes.expire(Instant.MAX.minusSeconds(1))).isEmpty();
  }

  @Test
  void onlyTheNewestCommandsAreKept() {
    Envelope first = Envelope.of("dashboard", "web", new PauseCommand("ops"));
    outcomes.sent(first, "pause autoscaling");
    for (int i = 0; i < SentCommands.KEPT; i++) {
      outcomes.sent(Envelope.of("dashboard", "web", new PauseCommand("ops")), "pause");
    }
    assertThat(outcomes.all()).hasSize(SentCommands.KEPT);
    assertThat(outcomes.all()).extracting(SentCommand::commandId).doesNotContain(first.id());
  }
}
