package io.prescal.common.event;

/**
 * Drain one backend of the service and stop it; the autoscaler replaces it if it needs to.
 *
 * @param backendId the backend
 * @param issuer who sent it
 */
public record DrainCommand(String backendId, String issuer) implements Command {
  public DrainCommand {
    Require.text(backendId, "backendId");
    Require.text(issuer, "issuer");
  }

  @Override
  public String describe() {
    return "drain " + backendId;
  }
}
