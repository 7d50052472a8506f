package io.prescal.dashboard.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Tells the {@link LoginThrottle} how each login ended, from Spring Security's own events. */
final class LoginAttempts {

  private final LoginThrottle throttle;

  LoginAttempts(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @EventListener
  void failed(AuthenticationFailureBadCredentialsEvent event) {
    throttle.failed(event.getAuthentication().getName(), address(event));
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    throttle.succeeded(event.getAuthentication().getName(), address(event));
  }

  private static String address(AbstractAuthenticationEvent event) {
    return event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
        ? web.getRemoteAddress()
        : null;
  }
}
