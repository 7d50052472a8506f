package io.prescal.proxy.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain requests to a backend, as a client would send them, for provider tests. */
public final class BackendRequests {

  /** The status of GET / on {@code backend}. */
  public static int get(ProvidedBackend backend) throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://" + backend.addressText() + "/")).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  private BackendRequests() {}
}
