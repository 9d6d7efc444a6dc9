package org.kge4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.kge4j.data.Dataset;
import org.kge4j.data.DatasetSpec;
import org.kge4j.data.Datasets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kge4j datasets}: lists the datasets {@code --dataset} accepts by name — the embedded one
 * and the downloadable ones — with the cache directory and, for each, whether its three split files
 * are present there (present ones are used offline; missing ones are downloaded on first use).
 */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description =
        "List the known datasets, the cache directory and which datasets are present in it.")
public final class DatasetsCommand implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path cache = Datasets.cacheDirectory().toAbsolutePath();
    out.println(
        "cache directory: "
            + cache
            + "  (set "
            + Datasets.DATASETS_ENV
            + " or -D"
            + Datasets.DATASETS_PROPERTY
            + " to change it)");
    out.println();
    out.println(String.format(Locale.ROOT, "  %-10s %-9s %s", "name", "status", "source"));
    Dataset embedded = Datasets.embedded();
    out.println(
        String.format(
            Locale.ROOT,
            "  %-10s %-9s %s",
            Datasets.EMBEDDED,
            "built-in",
            "generated family graph: "
                + embedded.numEntities()
                + " entities, "
                + embedded.numRelations()
                + " relations, "
                + embedded.training().numTriples()
                + " training triples"));
    for (String name : Datasets.names()) {
      DatasetSpec spec = Datasets.spec(name);
      Path directory = cache.resolve(spec.name());
      long present =
          Datasets.SPLIT_FILES.stream()
              .filter(f -> Files.isRegularFile(directory.resolve(f)))
              .count();
      String status =
          present == Datasets.SPLIT_FILES.size() ? "present" : present == 0 ? "missing" : "partial";
      out.println(
          String.format(
              Locale.ROOT,
              "  %-10s %-9s %s",
              name,
              status,
              status.equals("present") ? directory.toString() : spec.url().toString()));
    }
    out.println();
    out.println(
        "Missing datasets are downloaded on first use; offline, put train.txt, valid.txt and "
            + "test.txt into <cache directory>/<name>/.");
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}
