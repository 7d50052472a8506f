package io.prescal.dashboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login form post, before its password is even checked, while the user or the client
 * address is locked out by the {@link LoginThrottle}: back to the login view with {@code
 * ?locked=<seconds>}, which says when to try again.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

  /** The query parameter of the login view that carries the seconds left. */
  static final String LOCKED = "locked";

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod())
        || !"/login".equals(request.getServletPath() + nullToEmpty(request.getPathInfo()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Duration> locked =
        throttle.lockedFor(request.getParameter("username"), request.getRemoteAddr());
    if (locked.isPresent()) {
      long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
      response.sendRedirect(request.getContextPath() + "/login?" + LOCKED + "=" + seconds);
      return;
    }
    chain.doFilter(request, response);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
