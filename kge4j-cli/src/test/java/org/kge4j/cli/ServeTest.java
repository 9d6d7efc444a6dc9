package org.kge4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kge4j.data.TriplesFactory;
import picocli.CommandLine;

/**
 * {@code kge4j serve} through a real HTTP client on an ephemeral port: every endpoint, the error
 * bodies, concurrent requests, and "predict via CLI = via HTTP = via the Java API".
 */
class ServeTest {

  private static TrainedRun trained;
  private static PredictionServer server;
  private static HttpClient client;
  private static String head;
  private static String relation;
  private static String tail;

  @BeforeAll
  static void start() throws Exception {
    trained = TrainedRun.get();
    server =
        PredictionServer.start(
            trained.predictor, "embedded", new InetSocketAddress("127.0.0.1", 0), 4);
    client = HttpClient.newHttpClient();
    head = trained.head;
    relation = trained.relation;
    tail = trained.tail;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri().resolve(pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(server.uri().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A triple as the JSON object {@code POST /score} takes. */
  private static String triple(String h, String r, String t) {
    return "{\"head\": \"" + h + "\", \"relation\": \"" + r + "\", \"tail\": \"" + t + "\"}";
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void cliHttpAndJavaGiveTheSameAnswers() throws Exception {
    HttpResponse<String> tails =
        get("/predict/tails?head=" + q(head) + "&relation=" + q(relation) + "&top=7");
    assertEquals(200, tails.statusCode(), tails::body);
    assertEquals(
        "application/json; charset=utf-8",
        tails.headers().firstValue("Content-Type").orElseThrow());
    String java =
        PredictionJson.write(
            PredictionJson.document(trained.predictor.predictTails(head, relation, 7)));
    assertEquals(java, tails.body());
    assertEquals(
        trained.predictJson("--head", head, "--relation", relation, "--top", "7"), tails.body());
    assertEquals(7, OutputFiles.json().readTree(tails.body()).get("answers").size());

    HttpResponse<String> heads =
        get("/predict/heads?relation=" + q(relation) + "&tail=" + q(tail) + "&include_known=true");
    assertEquals(200, heads.statusCode(), heads::body);
    assertEquals(
        PredictionJson.write(
            PredictionJson.document(
                trained.predictor.filtering(Set.of()).predictHeads(relation, tail, 10))),
        heads.body());
    assertEquals(
        trained.predictJson("--relation", relation, "--tail", tail, "--include-known"),
        heads.body());

    HttpResponse<String> relations =
        get("/predict/relations?head=" + q(head) + "&tail=" + q(tail) + "&top=3");
    assertEquals(200, relations.statusCode(), relations::body);
    assertEquals(
        trained.predictJson("--head", head, "--tail", tail, "--top", "3"), relations.body());
    assertEquals(
        PredictionJson.write(
            PredictionJson.document(trained.predictor.predictRelations(head, tail, 3))),
        relations.body());
  }

  @Test
  void scoreReturnsTheScoresOfPostedTriples() throws Exception {
    String other = trained.dataset.training().entityLabel(7);
    HttpResponse<String> scored =
        post(
            "/score",
            "[" + triple(head, relation, tail) + ", " + triple(other, relation, head) + "]");
    assertEquals(200, scored.statusCode(), scored::body);
    JsonNode triples = OutputFiles.json().readTree(scored.body()).get("triples");
    assertEquals(2, triples.size());
    assertEquals(trained.score(head, relation, tail), triples.get(0).get("score").floatValue());
    assertEquals("training", triples.get(0).get("known_in").get(0).asText());
    assertEquals(other, triples.get(1).get("head").get("label").asText());
    assertEquals(trained.score(other, relation, head), triples.get(1).get("score").floatValue());
  }

  @Test
  void healthAndPage() throws Exception {
    JsonNode health = OutputFiles.json().readTree(get("/health").body());
    assertEquals("ok", health.get("status").asText());
    assertEquals("complex", health.get("model").asText());
    assertEquals("embedded", health.get("dataset").asText());
    assertEquals(271, health.get("num_entities").asInt());
    assertEquals(17, health.get("num_relations").asInt());
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertEquals(
        "text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(page.body().contains("<form id=\"query\">"), "the form");
    assertTrue(
        !page.body().contains("http://") && !page.body().contains("https://"),
        "no external assets");
  }

  /**
   * A bad query gets 400 naming the field; {@code {head}}, {@code {relation}} and {@code {tail}}
   * stand for the URL-encoded labels of the trained run's triple.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          /predict/tails?relation={relation}                          | head | missing parameter 'head' for /predict/tails
          /predict/tails?head={head}&relation={relation}&top=0        | top  | top must be an integer >= 1, got '0'
          /predict/tails?head={head}&relation={relation}&top=ten      | top  | top must be an integer >= 1, got 'ten'
          /predict/heads?relation={relation}&tail={tail}&head=x       | head | unknown parameter 'head' for /predict/heads; expected relation, tail, top, include_known
          /predict/relations?head={head}&tail={tail}&include_known=yes | include_known | include_known must be true or false, got 'yes'
          /predict/relations?head=&tail={tail}                        | head | parameter 'head' must be a label, got ''
          /predict/tails?head=a&head=b&relation={relation}            | head | parameter 'head' is given more than once
          """)
  void badQueriesGet400NamingTheField(String query, String field, String message) throws Exception {
    String pathAndQuery =
        query
            .replace("{head}", q(head))
            .replace("{relation}", q(relation))
            .replace("{tail}", q(tail));
    assertError(get(pathAndQuery), 400, field, message);
  }

  @Test
  void badBodiesGet400NamingTheField() throws Exception {
    assertError(
        post("/score", "[{\"head\": \"" + head + "\", \"relation\": \"" + relation + "\"}]"),
        400,
        "triples[0].tail",
        "triples[0].tail must be a label (a JSON string), got nothing");
    assertError(
        post("/score", "{}"),
        400,
        "body",
        "the body must be a non-empty JSON list of {\"head\": ..., \"relation\": ..., \"tail\": ...} objects");
    HttpResponse<String> malformed = post("/score", "[{");
    assertEquals(400, malformed.statusCode());
    JsonNode body = OutputFiles.json().readTree(malformed.body());
    assertEquals("body", body.get("field").asText());
    assertTrue(
        body.get("error").asText().startsWith("the body is not valid JSON: "), malformed.body());
  }

  @Test
  void unknownLabelsAndPathsGet404AndWrongMethods405() throws Exception {
    HttpResponse<String> unknown = get("/predict/tails?head=person_12&relation=" + q(relation));
    JsonNode body = assertError(unknown, 404, "head", null);
    assertEquals("person_12", body.get("value").asText());
    assertEquals(
        List.of("person_120", "person_121", "person_122", "person_123", "person_124"),
        OutputFiles.json().convertValue(body.get("suggestions"), List.class));
    assertTrue(
        body.get("error").asText().startsWith("unknown entity 'person_12'; closest: person_120"));
    JsonNode relationBody =
        assertError(get("/predict/heads?relation=fathr_of&tail=" + q(tail)), 404, "relation", null);
    assertEquals("father_of", relationBody.get("suggestions").get(0).asText());
    JsonNode scoreBody =
        assertError(
            post("/score", "[" + triple(head, relation, "nobody") + "]"),
            404,
            "triples[0].tail",
            null);
    assertEquals("nobody", scoreBody.get("value").asText());
    HttpResponse<String> path = get("/predict/everything");
    assertEquals(404, path.statusCode());
    assertTrue(path.body().contains("no endpoint /predict/everything"), path.body());
    HttpResponse<String> method = post("/predict/tails", "");
    assertError(method, 405, null, "/predict/tails needs GET, got POST");
    assertEquals("GET", method.headers().firstValue("Allow").orElseThrow());
    HttpResponse<String> scoreGet = get("/score");
    assertError(scoreGet, 405, null, "/score needs POST, got GET");
    assertEquals("POST", scoreGet.headers().firstValue("Allow").orElseThrow());
  }

  private static JsonNode assertError(
      HttpResponse<String> response, int status, String field, String message) throws Exception {
    assertEquals(status, response.statusCode(), response::body);
    JsonNode body = OutputFiles.json().readTree(response.body());
    if (field == null) {
      assertTrue(!body.has("field"), response.body());
    } else {
      assertEquals(field, body.get("field").asText(), response.body());
    }
    if (message != null) {
      assertEquals(message, body.get("error").asText());
    }
    return body;
  }

  @Test
  void concurrentRequestsGiveTheSameAnswersAsSequentialOnes() throws Exception {
    List<String> queries = new ArrayList<>();
    TriplesFactory training = trained.dataset.training();
    for (int i = 0; i < 24; i++) {
      int k = (i * 37) % training.numTriples();
      String h = q(training.entityLabel(training.head(k)));
      String r = q(training.relationLabel(training.relation(k)));
      String t = q(training.entityLabel(training.tail(k)));
      queries.add(
          switch (i % 3) {
            case 0 -> "/predict/tails?head=" + h + "&relation=" + r + "&top=20";
            case 1 -> "/predict/heads?relation=" + r + "&tail=" + t + "&top=20";
            default -> "/predict/relations?head=" + h + "&tail=" + t + "&top=5";
          });
    }
    List<String> sequential = new ArrayList<>();
    for (String query : queries) {
      sequential.add(get(query).body());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 4; round++) {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String query : queries) {
          answers.add(pool.submit(() -> get(query)));
        }
        for (int i = 0; i < queries.size(); i++) {
          HttpResponse<String> response = answers.get(i).get(30, TimeUnit.SECONDS);
          assertEquals(200, response.statusCode(), response::body);
          assertEquals(sequential.get(i), response.body(), queries.get(i));
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  /** The command itself: prints its address, answers, and stops when its thread is interrupted. */
  @Test
  void serveCommandListensUntilInterrupted() throws Exception {
    CompletableFuture<String> address = new CompletableFuture<>();
    Pattern serving = Pattern.compile("at (http://\\S+/) with 2 threads");
    Writer watcher =
        new StringWriter() {
          @Override
          public void flush() {
            Matcher m = serving.matcher(toString());
            if (m.find()) {
              address.complete(m.group(1));
            }
          }
        };
    StringWriter err = new StringWriter();
    CommandLine commandLine = Kge4jCommand.commandLine();
    commandLine.setOut(new PrintWriter(watcher, true));
    commandLine.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () ->
                exit.complete(
                    commandLine.execute("serve", trained.directory.toString(), "--port", "0")));
    thread.start();
    try {
      URI base = URI.create(address.get(60, TimeUnit.SECONDS));
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(base.resolve("health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertTrue(
          watcher.toString().startsWith("serving complex on embedded at http://127.0.0.1:"),
          watcher.toString());
    } finally {
      thread.interrupt();
    }
    assertEquals(0, exit.get(30, TimeUnit.SECONDS), err::toString);
    Cli.Run badPort = Cli.run("serve", trained.directory.toString(), "--port", "70000");
    assertEquals(2, badPort.exitCode());
    assertEquals(
        "kge4j: Invalid value for option '--port': must be in [0, 65535], got 70000",
        badPort.err().lines().findFirst().orElseThrow());
    Cli.Run badThreads = Cli.run("serve", trained.directory.toString(), "--threads", "0");
    assertEquals(
        "kge4j: Invalid value for option '--threads': must be an integer >= 1, got 0",
        badThreads.err().lines().findFirst().orElseThrow());
    Cli.Run busy =
        Cli.run("serve", trained.directory.toString(), "--port", String.valueOf(server.port()));
    assertEquals(2, busy.exitCode());
    assertTrue(
        busy.err()
            .startsWith(
                "kge4j: Invalid value for option '--port': cannot listen on 127.0.0.1:"
                    + server.port()),
        busy.err());
  }
}
