package io.prescal.dashboard.command;

import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.Envelope;
import io.prescal.dashboard.command.SentCommand.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands one view sent and the proxies' answers, matched by command id. A command no proxy
 * answers within the timeout is marked unanswered with a hint. The newest {@value #KEPT} are kept.
 */
public final class SentCommands {

  /** Commands kept per view; older ones are forgotten. */
  static final int KEPT = 100;

  private final Duration timeout;
  private final List<SentCommand> outcomes = new ArrayList<>();

  public SentCommands(Duration timeout) {
    this.timeout = timeout;
  }

  /** Records a command just sent. */
  public SentCommand sent(Envelope command, String description) {
    SentCommand outcome =
        new SentCommand(
            command.id(),
            command.service(),
            description,
            command.time(),
            Status.PENDING,
            "waiting for a proxy");
    outcomes.addFirst(outcome);
    while (outcomes.size() > KEPT) {
      outcomes.removeLast();
    }
    return outcome;
  }

  /** Applies an answer if it is for one of ours; returns the updated outcome. */
  public Optional<SentCommand> answer(Envelope event) {
    return switch (event.data()) {
      case CommandAccepted a -> update(a.commandId(), Status.ACCEPTED, a.detail());
      case CommandRejected r -> update(r.commandId(), Status.REJECTED, r.reason());
      default -> Optional.empty();
    };
  }

  /** Marks pending commands older than the timeout as unanswered; returns those it marked. */
  public List<SentCommand> expire(Instant now) {
    List<SentCommand> expired = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      SentCommand o = outcomes.get(i);
      if (o.status() == Status.PENDING
          && Duration.between(o.sentAt(), now).compareTo(timeout) > 0) {
        SentCommand marked =
            o.with(
                Status.UNANSWERED,
                "no proxy answered within "
                    + timeout.toSeconds()
                    + " s: is a proxy running on this Redis, with the same command secret?");
        outcomes.set(i, marked);
        expired.add(marked);
      }
    }
    return expired;
  }

  private Optional<SentCommand> update(String commandId, Status status, String detail) {
    for (int i = 0; i < outcomes.size(); i++) {
      SentCommand o = outcomes.get(i);
      // With several proxies, one that applied the command outweighs one that refused it.
      boolean open =
          o.status() == Status.PENDING
              || (o.status() == Status.REJECTED && status == Status.ACCEPTED);
      if (o.commandId().equals(commandId) && open) {
        SentCommand answered = o.with(status, detail);
        outcomes.set(i, answered);
        return Optional.of(answered);
      }
    }
    return Optional.empty();
  }

  /** Every command sent, newest first. */
  public List<SentCommand> all() {
    return List.copyOf(outcomes);
  }
}
