package io.prescal.dashboard.security;

import io.prescal.dashboard.config.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Counts failed logins per user and per client address; after {@code maxLoginFailures} within the
 * window, that user or address is refused for the lockout time, whatever password it sends. Memory
 * is bounded: failures are remembered only for users that exist (a name someone makes up fails
 * anyway, and would otherwise be a key an attacker controls), and for at most {@code
 * maxTrackedAddresses} addresses, the least recently seen forgotten first. Thread-safe.
 */
public final class LoginThrottle {

  private static final class Failures {
    final ArrayDeque<Instant> recent = new ArrayDeque<>();
    Instant lockedUntil = Instant.MIN;
  }

  private final int maxFailures;
  private final Duration window;
  private final Duration lockout;
  private final Predicate<String> knownUser;
  private final Clock clock;
  private final Map<String, Failures> users = new HashMap<>();
  private final Map<String, Failures> addresses;

  /**
   * @param settings limits and times
   * @param knownUser whether a (lower-case) user name belongs to a configured user
   * @param clock the time
   */
  public LoginThrottle(SecurityProperties settings, Predicate<String> knownUser, Clock clock) {
    this.maxFailures = settings.maxLoginFailures();
    this.window = settings.loginFailureWindow();
    this.lockout = settings.loginLockout();
    this.knownUser = knownUser;
    this.clock = clock;
    int maxAddresses = settings.maxTrackedAddresses();
    this.addresses =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > maxAddresses;
          }
        };
  }

  /** How long {@code user} or {@code address} is still refused; empty when neither is. */
  public synchronized Optional<Duration> lockedFor(String user, String address) {
    Instant now = clock.instant();
    Instant until = Instant.MIN;
    Failures u = users.get(key(user));
    if (u != null && u.lockedUntil.isAfter(until)) {
      until = u.lockedUntil;
    }
    Failures a = address == null ? null : addresses.get(address);
    if (a != null && a.lockedUntil.isAfter(until)) {
      until = a.lockedUntil;
    }
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  /** Records a failed login of {@code user} from {@code address}. */
  public synchronized void failed(String user, String address) {
    Instant now = clock.instant();
    String name = key(user);
    if (knownUser.test(name)) {
      count(users.computeIfAbsent(name, k -> new Failures()), now);
    }
    if (address != null) {
      count(addresses.computeIfAbsent(address, k -> new Failures()), now);
    }
  }

  /** A successful login: the user's and the address's failures are forgotten. */
  public synchronized void succeeded(String user, String address) {
    users.remove(key(user));
    if (address != null) {
      addresses.remove(address);
    }
  }

  /** How many addresses have failures remembered now. */
  public synchronized int trackedAddresses() {
    return addresses.size();
  }

  private void count(Failures failures, Instant now) {
    while (!failures.recent.isEmpty()
        && Duration.between(failures.recent.peekFirst(), now).compareTo(window) > 0) {
      failures.recent.removeFirst();
    }
    failures.recent.addLast(now);
    if (failures.recent.size() >= maxFailures) {
      failures.lockedUntil = now.plus(lockout);
      failures.recent.clear();
    }
  }

  /** User names are matched without case, as the user store does. */
  private static String key(String user) {
    return user == null ? "" : user.toLowerCase(Locale.ROOT);
  }
}
