package io.prescal.dashboard.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session its user has left idle for the session timeout. The servlet container's own
 * timeout is set to the same value (so an abandoned session goes), but it counts every request, and
 * an open tab sends some by itself: Vaadin's heartbeat every few minutes, the push connection. So
 * this filter keeps the time of the last request that is not one of those in the session, and
 * invalidates the session when a request comes after the timeout: the user lands on the login view.
 * Runs before Spring Security.
 */
final class IdleSessions extends OncePerRequestFilter implements HttpSessionListener {

  static final String LAST_ACTIVE = IdleSessions.class.getName() + ".lastActive";

  private final Duration timeout;
  private final Clock clock;

  IdleSessions(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    event
        .getSession()
        .setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null) {
      long now = clock.millis();
      try {
        Object last = session.getAttribute(LAST_ACTIVE);
        if (last instanceof Long at && now - at > timeout.toMillis()) {
          session.invalidate();
        } else if (byTheUser(request)) {
          session.setAttribute(LAST_ACTIVE, now);
        }
      } catch (IllegalStateException alreadyInvalidated) {
        // Another request ended it meanwhile: nothing to do.
      }
    }
    chain.doFilter(request, response);
  }

  /** Whether the request is the user's doing, not an open tab's heartbeat or push connection. */
  private static boolean byTheUser(HttpServletRequest request) {
    // From the query string only: reading parameters would read a form post's body here.
    String query = request.getQueryString();
    return query == null || !(query.contains("v-r=heartbeat") || query.contains("v-r=push"));
  }
}
