package org.kge4j.rdf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kge4j.config.ConfigurationException;
import org.kge4j.data.DatasetSource;

/**
 * Graph files as pipeline datasets: a configuration whose {@code dataset} is an RDF or CSV/TSV file
 * ({@link GraphFiles#isGraphFile}) reads and splits it with the {@code dataset_kwargs} of {@link
 * GraphFileOptions#KWARGS} ({@code split}, {@code split_seed}, {@code keep_literals}, {@code
 * columns}, {@code delimiter}, {@code sha256}). Loading records the file's SHA-256 in the returned
 * keyword arguments, so a run's configuration reads the same file, split the same way, or fails
 * when the file changed; the report is {@code graph_file}, the file's provenance ({@link
 * GraphDataset#provenance()}). Registered for {@link java.util.ServiceLoader} in {@code
 * META-INF/services}.
 */
public final class GraphFileSource implements DatasetSource {

  @Override
  public boolean reads(String location) {
    return GraphFiles.isGraphFile(location);
  }

  @Override
  public List<String> kwargs() {
    return GraphFileOptions.KWARGS;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ConfigurationException on {@code dataset} when the file's extension is not a known
   *     format, else on the offending {@code dataset_kwargs} key
   */
  @Override
  public Map<String, Object> normalize(String location, Map<String, ?> kwargs) {
    GraphFormat format = format(location);
    return GraphFileOptions.fromKwargs(format, kwargs).toKwargs(format);
  }

  @Override
  public Loaded load(String location, Map<String, ?> kwargs) {
    GraphFormat format = format(location);
    GraphDataset graph =
        GraphFiles.load(Path.of(location), GraphFileOptions.fromKwargs(format, kwargs));
    return new Loaded(
        graph.dataset(), graph.kwargs(), Map.of("graph_file", graph.provenance()), graph.summary());
  }

  private static GraphFormat format(String location) {
    try {
      return GraphFormat.of(Path.of(location));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("dataset", e.getMessage());
    }
  }
}
