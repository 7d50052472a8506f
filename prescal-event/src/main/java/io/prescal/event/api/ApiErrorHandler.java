package io.prescal.event.api;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers API errors as {@code {"error": "..."}} with their status. */
@RestControllerAdvice
class ApiErrorHandler {

  @ExceptionHandler(ApiError.class)
  ResponseEntity<Map<String, String>> apiError(ApiError e) {
    return ResponseEntity.status(e.status()).body(Map.of("error", e.getMessage()));
  }
}
