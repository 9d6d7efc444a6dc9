package org.kge4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.kge4j.concurrent.DaemonThreads;
import org.kge4j.prediction.Predictor;
import org.kge4j.prediction.ScoredTriple;
import org.kge4j.prediction.TargetPredictions;
import org.kge4j.prediction.UnknownLabelException;

/**
 * The HTTP face of a {@link Predictor}, on the JDK's {@code com.sun.net.httpserver} with a fixed
 * pool of worker threads.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>request</th><th>answer</th></tr>
 *   <tr><td>{@code GET /predict/tails?head=H&relation=R[&top=10][&include_known=false]}</td>
 *       <td>the best tails of {@code (H, R, ?)}</td></tr>
 *   <tr><td>{@code GET /predict/heads?relation=R&tail=T[...]}</td>
 *       <td>the best heads of {@code (?, R, T)}</td></tr>
 *   <tr><td>{@code GET /predict/relations?head=H&tail=T[...]}</td>
 *       <td>the best relations of {@code (H, ?, T)}</td></tr>
 *   <tr><td>{@code POST /score} with {@code [{"head": H, "relation": R, "tail": T}, ...]}</td>
 *       <td>the scores of those triples</td></tr>
 *   <tr><td>{@code GET /health}</td><td>{@code {"status": "ok", "model": ..., ...}}</td></tr>
 *   <tr><td>{@code GET /}</td><td>a one-page HTML form to ask the model</td></tr>
 * </table>
 *
 * <p>Answers are the JSON of {@link PredictionJson}, byte for byte what {@code kge4j predict
 * --format json} prints. Errors are JSON {@code {"error": message, "field": name, ...}}: 400 for a
 * missing, unknown or malformed parameter (naming it), 404 for an unknown label (with {@code
 * "value"} and the closest labels as {@code "suggestions"}) or path, 405 for a wrong method, 413
 * for a {@code /score} body over {@value #MAX_BODY_BYTES} bytes.
 *
 * <p>The model is only read, and {@link Predictor} is thread-safe, so requests run concurrently.
 */
final class PredictionServer implements AutoCloseable {

  /** The largest {@code POST /score} body accepted. */
  static final int MAX_BODY_BYTES = 1 << 20;

  /** The JDK server's switch for TCP_NODELAY on accepted connections. */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private static final String JSON = "application/json; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService workers;
  private final Predictor predictor;
  private final Map<String, Object> health;
  private final byte[] page;

  private PredictionServer(
      HttpServer server, ExecutorService workers, Predictor predictor, Map<String, Object> health) {
    this.server = server;
    this.workers = workers;
    this.predictor = predictor;
    this.health = health;
    this.page = indexPage();
  }

  /**
   * Starts serving {@code predictor} (which filters all known splits unless a request says {@code
   * include_known=true}) on {@code address} (port 0: an ephemeral port) with {@code threads}
   * workers.
   *
   * @param datasetName reported by {@code /health} and on the page
   * @throws IOException if the address cannot be bound
   */
  static PredictionServer start(
      Predictor predictor, String datasetName, InetSocketAddress address, int threads)
      throws IOException {
    // Without TCP_NODELAY a response's header and body writes wait for the client's delayed ACK
    // (Nagle): every request on a kept-alive connection took ~40 ms more. The JDK's server reads
    // this property once, when it first starts.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    HttpServer server = HttpServer.create(address, 256);
    ExecutorService workers =
        Executors.newFixedThreadPool(threads, DaemonThreads.numbered("kge4j-serve-"));
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", "ok");
    health.put("model", predictor.model().name());
    health.put("dataset", datasetName);
    health.put("num_entities", predictor.numEntities());
    health.put("num_relations", predictor.numRelations());
    PredictionServer self = new PredictionServer(server, workers, predictor, health);
    server.createContext("/", self::handle);
    server.setExecutor(workers);
    server.start();
    return self;
  }

  /** The port the server listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  /** The server's base address, e.g. {@code http://127.0.0.1:8080/}. */
  URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** Stops accepting requests, lets running ones finish for up to a second, stops the workers. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdown();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A request that cannot be answered: HTTP status and the JSON error document. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final transient Map<String, Object> body;

    HttpError(int status, String field, String message) {
      super(message);
      this.status = status;
      this.body = new LinkedHashMap<>();
      body.put("error", message);
      if (field != null) {
        body.put("field", field);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      byte[] body;
      String type = JSON;
      try {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
          case "/" -> {
            requireMethod(exchange, "GET");
            body = page;
            type = "text/html; charset=utf-8";
          }
          case "/health" -> {
            requireMethod(exchange, "GET");
            body = json(health);
          }
          case "/predict/tails", "/predict/heads", "/predict/relations" -> {
            requireMethod(exchange, "GET");
            body = json(PredictionJson.document(predict(path, exchange.getRequestURI())));
          }
          case "/score" -> {
            requireMethod(exchange, "POST");
            body = json(PredictionJson.document(score(exchange)));
          }
          default ->
              throw new HttpError(
                  404,
                  null,
                  "no endpoint "
                      + path
                      + "; try /predict/tails, /predict/heads, /predict/relations, /score, /health or /");
        }
      } catch (HttpError e) {
        status = e.status;
        body = json(e.body);
        if (status == 405) {
          exchange
              .getResponseHeaders()
              .set("Allow", exchange.getRequestURI().getPath().equals("/score") ? "POST" : "GET");
        }
      } catch (RuntimeException e) {
        status = 500;
        body = json(Map.of("error", "internal error: " + e.getMessage()));
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void requireMethod(HttpExchange exchange, String method) {
    if (!exchange.getRequestMethod().equals(method)) {
      throw new HttpError(
          405,
          null,
          exchange.getRequestURI().getPath()
              + " needs "
              + method
              + ", got "
              + exchange.getRequestMethod());
    }
  }

  private TargetPredictions predict(String path, URI uri) {
    Map<String, String> query = parameters(uri.getRawQuery());
    String target = path.substring("/predict/".length());
    List<String> needed =
        switch (target) {
          case "tails" -> List.of("head", "relation");
          case "heads" -> List.of("relation", "tail");
          default -> List.of("head", "tail");
        };
    for (String name : query.keySet()) {
      if (!needed.contains(name) && !name.equals("top") && !name.equals("include_known")) {
        throw new HttpError(
            400,
            name,
            "unknown parameter '"
                + name
                + "' for "
                + path
                + "; expected "
                + String.join(", ", needed)
                + ", top, include_known");
      }
    }
    for (String name : needed) {
      if (!query.containsKey(name)) {
        throw new HttpError(400, name, "missing parameter '" + name + "' for " + path);
      }
      if (query.get(name).isEmpty()) {
        throw new HttpError(400, name, "parameter '" + name + "' must be a label, got ''");
      }
    }
    int top = top(query.get("top"));
    Predictor asked =
        includeKnown(query.get("include_known")) ? predictor.filtering(Set.of()) : predictor;
    return switch (target) {
      case "tails" ->
          asked.predictTails(
              entity("head", query.get("head")), relation("relation", query.get("relation")), top);
      case "heads" ->
          asked.predictHeads(
              relation("relation", query.get("relation")), entity("tail", query.get("tail")), top);
      default ->
          asked.predictRelations(
              entity("head", query.get("head")), entity("tail", query.get("tail")), top);
    };
  }

  private List<ScoredTriple> score(HttpExchange exchange) {
    JsonNode triples;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new HttpError(
            413, "body", "the body must be at most " + MAX_BODY_BYTES + " bytes of JSON");
      }
      triples = OutputFiles.json().readTree(bytes);
    } catch (IOException e) {
      throw new HttpError(400, "body", "the body is not valid JSON: " + e.getMessage());
    }
    if (triples == null || !triples.isArray() || triples.isEmpty()) {
      throw new HttpError(
          400,
          "body",
          "the body must be a non-empty JSON list of {\"head\": ..., \"relation\": ...,"
              + " \"tail\": ...} objects");
    }
    List<ScoredTriple> scored = new ArrayList<>(triples.size());
    for (int i = 0; i < triples.size(); i++) {
      JsonNode triple = triples.get(i);
      String prefix = "triples[" + i + "].";
      int h = entity(prefix + "head", text(triple, prefix, "head"));
      int r = relation(prefix + "relation", text(triple, prefix, "relation"));
      int t = entity(prefix + "tail", text(triple, prefix, "tail"));
      scored.add(predictor.scoreTriple(h, r, t));
    }
    return scored;
  }

  private static String text(JsonNode triple, String prefix, String name) {
    JsonNode value = triple.get(name);
    if (value == null || !value.isTextual()) {
      throw new HttpError(
          400,
          prefix + name,
          prefix
              + name
              + " must be a label (a JSON string), got "
              + (value == null ? "nothing" : value));
    }
    return value.asText();
  }

  private int entity(String field, String label) {
    try {
      return predictor.entityId(label);
    } catch (UnknownLabelException e) {
      throw unknown(field, e);
    }
  }

  private int relation(String field, String label) {
    try {
      return predictor.relationId(label);
    } catch (UnknownLabelException e) {
      throw unknown(field, e);
    }
  }

  private static HttpError unknown(String field, UnknownLabelException e) {
    HttpError error = new HttpError(404, field, e.getMessage());
    error.body.put("value", e.label());
    error.body.put("suggestions", e.suggestions());
    return error;
  }

  private static int top(String value) {
    if (value == null) {
      return 10;
    }
    try {
      int top = Integer.parseInt(value);
      if (top >= 1) {
        return top;
      }
    } catch (NumberFormatException e) {
      // reported below with the value received
    }
    throw new HttpError(400, "top", "top must be an integer >= 1, got '" + value + "'");
  }

  private static boolean includeKnown(String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new HttpError(
        400, "include_known", "include_known must be true or false, got '" + value + "'");
  }

  /** Decodes {@code a=1&b=2}; a repeated parameter is an error, as its meaning is unclear. */
  private static Map<String, String> parameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (parameters.put(name, value) != null) {
        throw new HttpError(400, name, "parameter '" + name + "' is given more than once");
      }
    }
    return parameters;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, null, "malformed query string: " + e.getMessage());
    }
  }

  private static byte[] json(Map<String, ?> document) {
    return PredictionJson.write(document).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] indexPage() {
    try (InputStream in = PredictionServer.class.getResourceAsStream("serve/index.html")) {
      if (in == null) {
        throw new IllegalStateException("the page org/kge4j/cli/serve/index.html is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the page serve/index.html", e);
    }
  }
}
