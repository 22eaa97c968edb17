package dev.spool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** One user of a server, over HTTP with its bearer token, as a client would call it. */
record BenchClient(HttpClient http, String base, String token) {
  static final String BATCHES = "/api/v1/generation/batch";
  private static final ObjectMapper JSON = new ObjectMapper();

  URI uri(String path) {
    return URI.create(base + path);
  }

  /** Creates a generation batch; returns its id. */
  String create(int items, int concurrency) throws IOException, InterruptedException {
    String body =
        """
        {"courseId":"%s","name":"bench","targetCount":%d,
         "scope":{"sloIds":["%s"],"conceptIds":[]},
         "questionType":"single_best_answer",
         "difficultyDistribution":{"easy":30,"medium":50,"hard":20},
         "concurrency":%d,"maxRetries":2}
        """
            .formatted(UUID.randomUUID(), items, UUID.randomUUID(), concurrency);
    return post(BATCHES, body).get("data").get("batchId").asText();
  }

  /** POSTs and returns the parsed envelope; fails on anything but 2xx. */
  JsonNode post(String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    request =
        body == null
            ? request.POST(HttpRequest.BodyPublishers.noBody())
            : request
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The batch's detail with one item. */
  JsonNode detail(String id) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(BATCHES + "/" + id + "?limit=1"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).get("data");
  }
}
