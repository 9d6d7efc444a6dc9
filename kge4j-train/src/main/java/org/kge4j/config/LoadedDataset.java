package org.kge4j.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.kge4j.data.Dataset;
import org.kge4j.data.DatasetSource;

/**
 * A dataset loaded from its configuration ({@link DatasetConfig#resolve()}).
 *
 * @param config the configuration that reproduces the dataset: the one it was loaded from, with
 *     what reading learned (e.g. a graph file's {@code sha256})
 * @param dataset the dataset
 * @param report entries for the {@code dataset} block of a run's {@code results.json} from the
 *     dataset's {@link DatasetSource} (e.g. {@code graph_file}); empty for names and directories
 * @param summary one line about what the source read, for a command line; empty for names and
 *     directories
 */
public record LoadedDataset(
    DatasetConfig config, Dataset dataset, Map<String, Object> report, Optional<String> summary) {

  /** Checks that every part is present. */
  public LoadedDataset {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(summary, "summary");
  }
}
