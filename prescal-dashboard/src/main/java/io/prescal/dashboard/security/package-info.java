/**
 * Who may see and steer: Spring Security form login through {@link
 * io.prescal.dashboard.security.LoginView}, users and roles (viewer, operator) from configuration,
 * a generated operator password when none is configured, failed logins throttled per user and per
 * client address ({@link io.prescal.dashboard.security.LoginThrottle}), and sessions that end when
 * their user is idle.
 */
package io.prescal.dashboard.security;
