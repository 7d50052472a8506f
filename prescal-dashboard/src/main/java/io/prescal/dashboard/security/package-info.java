/**
 * Who may see and steer: Spring Security form login through {@link
 * io.prescal.dashboard.security.LoginView}, users and roles (viewer, operator) from configuration,
 * a generated operator password when none is configured.
 */
package io.prescal.dashboard.security;
