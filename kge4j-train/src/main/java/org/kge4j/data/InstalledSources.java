package org.kge4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The {@link DatasetSource}s on kge4j-train's class path, loaded once. */
final class InstalledSources {

  static final List<DatasetSource> ALL = load();

  private InstalledSources() {}

  private static List<DatasetSource> load() {
    List<DatasetSource> sources = new ArrayList<>();
    ServiceLoader.load(DatasetSource.class, DatasetSource.class.getClassLoader())
        .forEach(sources::add);
    return List.copyOf(sources);
  }
}
