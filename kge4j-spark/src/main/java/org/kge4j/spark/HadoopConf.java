package org.kge4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Objects;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that travels to executors inside a task: Configuration is not
 * {@link Serializable} but is a Hadoop {@code Writable}, so it is written and read with its own
 * format. Executors thus reach the run's storage with the driver's file-system settings ({@code
 * s3a} credentials providers, HDFS name nodes, ...).
 */
final class HadoopConf implements Serializable {

  private static final long serialVersionUID = 1L;

  private transient Configuration value;

  HadoopConf(Configuration value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  Configuration get() {
    return value;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    value.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    value = new Configuration(false);
    value.readFields(in);
  }
}
