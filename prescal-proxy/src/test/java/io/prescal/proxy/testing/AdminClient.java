package io.prescal.proxy.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proxy's admin API, as an operator's script would call it: on loopback, so {@code Host} names
 * the admin, and every POST with {@code X-Prescal-Admin: 1}, which the admin requires of requests
 * that change its state.
 */
public final class AdminClient {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final int port;

  public AdminClient(int port) {
    this.port = port;
  }

  /** POSTs to {@code path} (with its query); the status and the body. */
  public Map.Entry<Integer, JsonNode> post(String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("X-Prescal-Admin", "1")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return Map.entry(response.statusCode(), JSON.readTree(response.body()));
    }
  }

  /** GET {@code path} as text. */
  public String get(String path) throws Exception {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  /** The {@code autoscaling} part of {@code service} in GET /status. */
  public JsonNode autoscaling(String service) throws Exception {
    for (JsonNode s : JSON.readTree(get("/status")).get("services")) {
      if (s.get("name").asString().equals(service)) {
        return s.get("autoscaling");
      }
    }
    throw new AssertionError("no service " + service + " in /status");
  }
}
