package io.prescal.event.api;

import io.prescal.event.config.EventProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The read API's bearer token ({@code prescal.event.api-token}, docs/event-service.md; its length
 * is checked with the other settings, {@link EventProperties#isApiTokenLongEnough}). Without a
 * token everything is open, as before. With one, every request but the health status needs {@code
 * Authorization: Bearer <token>}, and a request that carries it is an authenticated principal, so
 * that the actuator shows health details to it ({@code show-details: when-authorized}) and to
 * nobody else.
 */
@Component
public class ApiTokenFilter extends OncePerRequestFilter {

  private static final String PREFIX = "Bearer ";

  private final byte[] token;

  public ApiTokenFilter(EventProperties properties) {
    String given = properties.apiToken();
    this.token = given.isEmpty() ? null : given.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether a token is required. */
  public boolean enabled() {
    return token != null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (token == null) {
      chain.doFilter(request, response);
      return;
    }
    if (carriesToken(request)) {
      chain.doFilter(new Authenticated(request), response);
      return;
    }
    if (isHealthStatus(request)) {
      chain.doFilter(request, response); // probes see UP or DOWN, never the details
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"prescal-event\"");
    response.setContentType("application/json");
    response
        .getWriter()
        .write(
            "{\"error\":\"missing or wrong bearer token (expected: Authorization: Bearer <the"
                + " prescal.event.api-token>)\"}");
  }

  private boolean carriesToken(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return false;
    }
    byte[] given = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }

  private static boolean isHealthStatus(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
  }

  /** The request of a token holder: a principal that the actuator counts as authorized. */
  private static final class Authenticated extends HttpServletRequestWrapper {

    private static final Principal TOKEN_HOLDER = () -> "api-token";

    Authenticated(HttpServletRequest request) {
      super(request);
    }

    @Override
    public Principal getUserPrincipal() {
      return TOKEN_HOLDER;
    }

    @Override
    public String getRemoteUser() {
      return TOKEN_HOLDER.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }
  }
}
