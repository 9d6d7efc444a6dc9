package org.kge4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import org.kge4j.prediction.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kge4j serve}: answers prediction requests over HTTP (see {@link PredictionServer} for the
 * API) until the process is stopped (Ctrl-C) or the command's thread is interrupted.
 */
@Command(
    name = "serve",
    description = {
      "Serve a trained model's predictions over HTTP: GET /predict/tails?head=&relation=&top=,"
          + " /predict/heads?relation=&tail=, /predict/relations?head=&tail=, POST /score,"
          + " /health, and a page at / to ask the model in a browser."
    })
public final class ServeCommand extends TrainedModelCommand {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "TCP port, 0 to 65535 (0: any free port).")
  private int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on; 0.0.0.0 serves other machines too.")
  private String host;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "2",
      description = "Worker threads answering requests, >= 1.")
  private int threads;

  @Override
  void run(OptionChecks checks, PrintWriter out) {
    checks.atLeast("--threads", threads, 1);
    if (port < 0 || port > 65535) {
      throw checks.invalid("--port", "must be in [0, 65535], got " + port);
    }
    TrainedModel trained = loadModel();
    Predictor predictor = Predictor.of(trained.model(), trained.dataset());
    PredictionServer server;
    try {
      server =
          PredictionServer.start(
              predictor, trained.dataset().name(), new InetSocketAddress(host, port), threads);
    } catch (IOException e) {
      throw checks.invalid(
          "--port", "cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread onExit =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "kge4j-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(onExit);
    out.printf(
        "serving %s on %s at %s with %d threads; Ctrl-C stops%n",
        trained.model().name(), trained.dataset().name(), server.uri(), threads);
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      // Stopped from inside the JVM (a test, an embedding application): close and return.
      Runtime.getRuntime().removeShutdownHook(onExit);
      server.close();
      Thread.currentThread().interrupt();
    }
  }
}
