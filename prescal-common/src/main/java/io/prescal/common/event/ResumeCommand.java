package io.prescal.common.event;

/**
 * Autoscale the service again (after a pause or a fixed replica count).
 *
 * @param issuer who sent it
 */
public record ResumeCommand(String issuer) implements Command {
  public ResumeCommand {
    Require.text(issuer, "issuer");
  }

  @Override
  public String describe() {
    return "resume autoscaling";
  }
}
