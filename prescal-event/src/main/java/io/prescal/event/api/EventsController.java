package io.prescal.event.api;

import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.event.store.EventLog;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/events?type=&service=&limit=}: the newest entries of the event log, newest first,
 * as the envelopes were published. {@code type} is a full type ({@code backend.ready}) or an area
 * ({@code backend} matches every {@code backend.*}).
 */
@RestController
class EventsController {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;
  private static final int SCAN_LIMIT = 50_000;

  private final EventLog log;
  private final EventCodec codec;

  EventsController(EventLog log, EventCodec codec) {
    this.log = log;
    this.codec = codec;
  }

  @GetMapping("/api/events")
  ResponseEntity<String> events(
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String limit) {
    int max = limit(limit);
    Predicate<Envelope> wanted = e -> matchesType(e.type(), type);
    if (service != null && !service.isBlank()) {
      wanted = wanted.and(e -> service.equals(e.service()));
    }
    Predicate<Envelope> filter = wanted;
    List<String> found =
        log.newest(max, SCAN_LIMIT, json -> codec.decode(json).event().filter(filter).isPresent());
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body("[" + String.join(",", found) + "]");
  }

  private static boolean matchesType(String actual, String wanted) {
    if (wanted == null || wanted.isBlank()) {
      return true;
    }
    return wanted.contains(".") ? actual.equals(wanted) : actual.startsWith(wanted + ".");
  }

  private static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(
        "limit: \"" + value + "\" (expected: a number from 1 to " + MAX_LIMIT + ")");
  }
}
