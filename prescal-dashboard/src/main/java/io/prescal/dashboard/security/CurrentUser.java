package io.prescal.dashboard.security;

import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.stereotype.Component;

/** Who is using this UI, and whether they may steer. */
@Component
public class CurrentUser {

  private final AuthenticationContext authentication;

  public CurrentUser(AuthenticationContext authentication) {
    this.authentication = authentication;
  }

  /** The user name, or "anonymous". */
  public String name() {
    return authentication.getPrincipalName().orElse("anonymous");
  }

  /** Whether the user may send commands. */
  public boolean isOperator() {
    return authentication.hasRole(Roles.OPERATOR);
  }

  /** Logs the user out and back to the login view. */
  public void logout() {
    authentication.logout();
  }
}
