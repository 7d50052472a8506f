package io.prescal.event.config;

import io.prescal.event.alert.AlertRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * prescal-event's settings, under {@code prescal.event}. Every value is checked at startup; a bad
 * one stops the service with a message that names it. Reference: {@code docs/event-service.md}.
 *
 * @param source the {@code source} of the envelopes this service writes (state, alerts)
 * @param staleAfter a proxy silent this long is marked stale and left out of the aggregates
 * @param forgetAfter a proxy silent this long is forgotten, with its services
 * @param stateInterval how often the state is published and history points written
 * @param maxMessageBytes larger messages are counted as oversized and skipped
 * @param history how long history is kept at each resolution
 * @param eventLog the capped event log stream
 * @param ingest the hand-off between the subscriber and the worker
 * @param limits how many proxies and services are tracked at most
 * @param alerts the alert rules
 * @param apiToken the read API's bearer token, surrounding blanks left out; empty: the API is open
 */
@Validated
@ConfigurationProperties("prescal.event")
public record EventProperties(
    @DefaultValue("event") @NotBlank String source,
    @DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration staleAfter,
    @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) Duration forgetAfter,
    @DefaultValue("1s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 1)
        Duration stateInterval,
    @DefaultValue("1048576") @Min(1024) @Max(64 * 1024 * 1024) int maxMessageBytes,
    @DefaultValue @NotNull @Valid History history,
    @DefaultValue @NotNull @Valid EventLog eventLog,
    @DefaultValue @NotNull @Valid Ingest ingest,
    @DefaultValue @NotNull @Valid Limits limits,
    @DefaultValue @NotNull List<@Valid @NotNull AlertRule> alerts,
    @DefaultValue("") String apiToken) {

  /** The shortest read API token accepted: a guessable one would be worse than none. */
  public static final int MIN_API_TOKEN_LENGTH = 16;

  /** Compact constructor: immutable copies, the token without surrounding blanks. */
  public EventProperties {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    apiToken = apiToken == null ? "" : apiToken.strip();
  }

  /** Checked by Bean Validation: a proxy must be stale before it is forgotten. */
  @AssertTrue(message = "forget-after must be longer than stale-after")
  public boolean isForgetAfterStale() {
    return forgetAfter == null || staleAfter == null || forgetAfter.compareTo(staleAfter) > 0;
  }

  /** Checked by Bean Validation: the largest accepted message must fit in the ingest queue. */
  @AssertTrue(message = "ingest.queue-bytes must be at least max-message-bytes")
  public boolean isIngestQueueLargeEnough() {
    return ingest == null || ingest.queueBytes() >= maxMessageBytes;
  }

  /**
   * Checked by Bean Validation: a token, when set, is long enough. A check on the method rather
   * than on the field, so that the refusal never shows the token.
   */
  @AssertTrue(
      message =
          "api-token must be at least "
              + MIN_API_TOKEN_LENGTH
              + " characters (or none, to leave the read API open)")
  public boolean isApiTokenLongEnough() {
    return apiToken.isEmpty() || apiToken.length() >= MIN_API_TOKEN_LENGTH;
  }

  /** Checked by Bean Validation: rule names are ids, so they must differ. */
  @AssertTrue(message = "alert rule names must be unique")
  public boolean isAlertNamesUnique() {
    return alerts.stream().map(AlertRule::name).distinct().count() == alerts.size();
  }

  /**
   * History retention.
   *
   * @param secondRetention how long per-second points are kept
   * @param minuteRetention how long per-minute points are kept
   */
  public record History(
      @DefaultValue("1h") @NotNull @DurationMin(minutes = 1) @DurationMax(days = 7)
          Duration secondRetention,
      @DefaultValue("24h") @NotNull @DurationMin(minutes = 10) @DurationMax(days = 366)
          Duration minuteRetention) {}

  /**
   * The event log.
   *
   * @param maxLength entries kept (approximately: Redis trims in whole nodes)
   */
  public record EventLog(@DefaultValue("100000") @Min(100) @Max(100_000_000) long maxLength) {}

  /**
   * Bounds on what names from messages can make this service hold: any publisher on Redis can
   * invent proxy and service names.
   *
   * @param maxProxies the most proxy instances tracked at once; a new one beyond is ignored and
   *     counted until a tracked one is forgotten ({@code forget-after})
   * @param maxServices the most services tracked at once (figures, ledgers, history, alert state);
   *     a new one beyond is ignored and counted until a tracked one is forgotten
   */
  public record Limits(
      @DefaultValue("64") @Min(1) @Max(10_000) int maxProxies,
      @DefaultValue("256") @Min(1) @Max(100_000) int maxServices) {}

  /**
   * The ingest queue between the subscriber's I/O thread and the worker.
   *
   * @param queueBytes the size of the queue, allocated at start outside the heap: the most the
   *     waiting messages may hold; when full, arriving messages are dropped and counted ({@code
   *     prescal_event_messages_dropped_total{reason="queue-full"}})
   */
  public record Ingest(
      @DefaultValue("67108864") @Min(64 * 1024) @Max(1024 * 1024 * 1024) int queueBytes) {}
}
