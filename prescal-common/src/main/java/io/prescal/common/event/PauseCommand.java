package io.prescal.common.event;

/**
 * Stop autoscaling the service; its replica count stays as it is.
 *
 * @param issuer who sent it
 */
public record PauseCommand(String issuer) implements Command {
  public PauseCommand {
    Require.text(issuer, "issuer");
  }

  @Override
  public String describe() {
    return "pause autoscaling";
  }
}
