package io.prescal.event.api;

/** A request the API cannot answer: the message names the offending value and what was expected. */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  private ApiError(int status, String message) {
    super(message);
    this.status = status;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  int status() {
    return status;
  }
}
