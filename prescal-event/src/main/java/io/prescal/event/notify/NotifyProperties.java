package io.prescal.event.notify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The webhooks prescal-event notifies, under {@code prescal.notify}. Every value is checked at
 * startup; a bad one stops the service with a line that names its key. Reference: {@code
 * docs/event-service.md}, Notifications.
 *
 * @param webhooks the receivers, at most {@value #MAX_WEBHOOKS}; none: nothing is sent
 */
@Validated
@ConfigurationProperties("prescal.notify")
public record NotifyProperties(
    @DefaultValue @NotNull @Size(max = MAX_WEBHOOKS) List<@Valid @NotNull Webhook> webhooks) {

  /** The most webhooks: each has a thread and a queue of its own. */
  public static final int MAX_WEBHOOKS = 16;

  /** Compact constructor: an immutable copy. */
  public NotifyProperties {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }

  /** Checked by Bean Validation: names tell webhooks apart in metrics and logs. */
  @AssertTrue(message = "webhook names must be unique")
  public boolean isNamesUnique() {
    return webhooks.stream().map(Webhook::name).distinct().count() == webhooks.size();
  }

  /**
   * One receiver.
   *
   * @param name names it in metrics, health and logs (lower case, digits, dashes)
   * @param url where to POST: {@code http://} or {@code https://}, never logged whole (Slack's
   *     webhook URLs hold their secret in the path)
   * @param format the body: {@code json}, {@code slack} (text and blocks), {@code slack-text}
   * @param events which events are sent
   * @param timeout the longest one attempt may take, connecting included
   * @param retries attempts after the first one fails (connection refused, timeout, 408, 429 or
   *     5xx); other answers are not retried
   * @param backoff the wait before the first retry, doubled before each next one
   * @param maxBackoff the longest wait between attempts (also caps a 429's {@code Retry-After})
   * @param rateLimit how many notifications may be sent per period; more wait in the queue
   * @param queueSize notifications waiting at most; when full, new ones are dropped and counted
   * @param headers extra request headers, e.g. {@code X-Team: ops}
   * @param headerFiles extra request headers whose value is the first line of a file, for secrets
   *     (e.g. {@code Authorization: /run/secrets/hook-token} holding {@code Bearer abc...}); read
   *     at start, never logged
   */
  public record Webhook(
      @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = NAME_MESSAGE) String name,
      @NotNull String url,
      @DefaultValue("json") @NotNull WebhookFormat format,
      @DefaultValue({"alerts", "scale-changes"}) @NotNull @Size(min = 1) Set<NotifyEvents> events,
      @DefaultValue("5s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5)
          Duration timeout,
      @DefaultValue("3") @Min(0) @Max(10) int retries,
      @DefaultValue("1s") @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 10)
          Duration backoff,
      @DefaultValue("30s") @NotNull @DurationMin(millis = 10) @DurationMax(hours = 1)
          Duration maxBackoff,
      @DefaultValue @NotNull @Valid RateLimitSettings rateLimit,
      @DefaultValue("1000") @Min(1) @Max(100_000) int queueSize,
      @DefaultValue @NotNull Map<String, String> headers,
      @DefaultValue @NotNull Map<String, String> headerFiles) {

    static final String NAME_MESSAGE =
        "must be 1 to 40 lower-case letters, digits and dashes, e.g. ops-slack";
    private static final java.util.regex.Pattern TOKEN =
        java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // Set by the HTTP client itself (or refused by it); a setting cannot replace them.
    private static final Set<String> RESERVED_HEADERS =
        Set.of("connection", "content-length", "content-type", "expect", "host", "upgrade");

    /** Compact constructor: immutable copies. */
    public Webhook {
      events = events == null ? Set.of() : Set.copyOf(events);
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      headerFiles = headerFiles == null ? Map.of() : Map.copyOf(headerFiles);
    }

    /**
     * Checked by Bean Validation. The message does not repeat the URL: its path may be a secret.
     */
    @AssertTrue(
        message =
            "url must be an absolute http:// or https:// URL with a host and without user:password"
                + " (send credentials with header-files), e.g. https://hooks.example.com/prescal")
    public boolean isUrlValid() {
      return url == null || parseUrl(url) != null;
    }

    /** Checked by Bean Validation. */
    @AssertTrue(message = "max-backoff must be at least backoff")
    public boolean isMaxBackoffAtLeastBackoff() {
      return backoff == null || maxBackoff == null || maxBackoff.compareTo(backoff) >= 0;
    }

    /** Checked by Bean Validation. Values are not shown: they may be secrets. */
    @AssertTrue(
        message =
            "headers and header-files need names of letters, digits and -, other than Host,"
                + " Content-Length, Content-Type, Connection, Expect, Upgrade, and values on one"
                + " line; a name may be in only one of them")
    public boolean isHeadersValid() {
      for (String name : headers.keySet()) {
        if (!validHeaderName(name) || !oneLine(headers.get(name))) {
          return false;
        }
      }
      for (String name : headerFiles.keySet()) {
        if (!validHeaderName(name)) {
          return false;
        }
      }
      return headers.keySet().stream()
          .map(n -> n.toLowerCase(Locale.ROOT))
          .noneMatch(n -> headerFiles.keySet().stream().anyMatch(f -> f.equalsIgnoreCase(n)));
    }

    /** Checked by Bean Validation: the files are read once, at start. */
    @AssertTrue(message = "header-files must name readable files whose first line is not blank")
    public boolean isHeaderFilesReadable() {
      for (String file : headerFiles.values()) {
        try {
          if (firstLine(file).isBlank()) {
            return false;
          }
        } catch (UncheckedIOException | IllegalArgumentException e) {
          return false;
        }
      }
      return true;
    }

    /** The URL; only call on a validated webhook. */
    URI uri() {
      return parseUrl(url);
    }

    /**
     * Where the webhook points without its path or query, for logs and health: {@code
     * https://hooks.slack.com}.
     */
    String target() {
      URI u = uri();
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /** Every header to send, the files read now. */
    Map<String, String> resolvedHeaders() {
      Map<String, String> all = new LinkedHashMap<>(headers);
      headerFiles.forEach((name, file) -> all.put(name, firstLine(file)));
      return all;
    }

    private static URI parseUrl(String url) {
      try {
        URI u = new URI(url.strip());
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean ok =
            (scheme.equals("http") || scheme.equals("https"))
                && u.getHost() != null
                && u.getRawUserInfo() == null
                && u.getRawFragment() == null;
        return ok ? u : null;
      } catch (URISyntaxException e) {
        return null;
      }
    }

    private static boolean validHeaderName(String name) {
      return name != null
          && TOKEN.matcher(name).matches()
          && !RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean oneLine(String value) {
      return value != null && value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0);
    }

    private static String firstLine(String file) {
      try (BufferedReader reader = Files.newBufferedReader(Path.of(file))) {
        String line = reader.readLine();
        return line == null ? "" : line.strip();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * How many notifications one webhook may be sent: {@code count} per {@code period}, at most
   * {@code count} at once.
   *
   * @param count notifications per period
   * @param period the period
   */
  public record RateLimitSettings(
      @DefaultValue("30") @Min(1) @Max(100_000) int count,
      @DefaultValue("1m") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
          Duration period) {}
}
