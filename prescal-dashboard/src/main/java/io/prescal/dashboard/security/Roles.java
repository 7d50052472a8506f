package io.prescal.dashboard.security;

import io.prescal.dashboard.config.DashboardProperties.Role;

/** The Spring Security role names of the dashboard's two roles. */
public final class Roles {

  /** May look. */
  public static final String VIEWER = "VIEWER";

  /** May look and send commands. */
  public static final String OPERATOR = "OPERATOR";

  private Roles() {}

  /** The roles granted for {@code role}: an operator is a viewer too. */
  static String[] of(Role role) {
    return role == Role.OPERATOR ? new String[] {VIEWER, OPERATOR} : new String[] {VIEWER};
  }
}
