package org.kge4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Triples as labels — columns {@code head}, {@code relation}, {@code tail} of type string — with
 * the count of the input rows that were not triples. A row is invalid when a field is null or empty
 * or (files) a line does not split into exactly three fields; invalid rows are counted, a few kept
 * as examples, and reported, never silently dropped. Integral id columns are read as their decimal
 * strings, so ids sort as labels, exactly as single-machine kge4j reads the same file.
 *
 * @param triples the valid rows, columns {@code head}, {@code relation}, {@code tail}; cached
 * @param numValid number of valid rows (duplicates included)
 * @param numInvalid number of invalid rows
 * @param invalidExamples up to {@link #MAX_EXAMPLES} invalid rows as text
 * @param source where the rows came from, for messages
 */
public record LabeledTriples(
    Dataset<Row> triples,
    long numValid,
    long numInvalid,
    List<String> invalidExamples,
    String source) {

  /** Invalid rows kept as examples. */
  public static final int MAX_EXAMPLES = 3;

  /** The three column names of a triples table. */
  public static final List<String> COLUMNS = List.of("head", "relation", "tail");

  /** Copies the examples. */
  public LabeledTriples {
    Objects.requireNonNull(triples, "triples");
    invalidExamples = List.copyOf(invalidExamples);
  }

  /** The file formats {@link #read} accepts. */
  public static final List<String> FORMATS = List.of("auto", "tsv", "csv", "parquet");

  /**
   * Validates a DataFrame's three columns.
   *
   * @throws IllegalArgumentException if a column is missing or neither string nor integral
   */
  public static LabeledTriples fromDataFrame(
      Dataset<Row> data, String headCol, String relationCol, String tailCol, String source) {
    StructType schema = data.schema();
    List<Column> labels = new ArrayList<>();
    List<String> names = List.of(headCol, relationCol, tailCol);
    for (int i = 0; i < 3; i++) {
      labels.add(labelColumn(schema, names.get(i)).as(COLUMNS.get(i)));
    }
    return validate(data.select(labels.toArray(new Column[0])), source);
  }

  /**
   * The valid rows of a DataFrame's three columns as {@code (head, relation, tail)} labels, without
   * counting the others (for callers that map triples to ids and count what maps).
   *
   * @throws IllegalArgumentException if a column is missing or neither string nor integral
   */
  public static Dataset<Row> labels(
      Dataset<Row> data, String headCol, String relationCol, String tailCol) {
    StructType schema = data.schema();
    List<String> names = List.of(headCol, relationCol, tailCol);
    Column valid = lit(true);
    List<Column> labels = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Column label = labelColumn(schema, names.get(i));
      labels.add(label.as(COLUMNS.get(i)));
      valid = valid.and(label.isNotNull()).and(label.notEqual(""));
    }
    return data.where(valid).select(labels.toArray(new Column[0]));
  }

  /**
   * Reads triples from files on any Hadoop file system.
   *
   * @param path a file, a directory or a glob
   * @param format {@code tsv} (PyKEEN's {@code head<TAB>relation<TAB>tail} lines; gzip by the
   *     {@code .gz} suffix), {@code csv} (three columns, optionally quoted), {@code parquet} (the
   *     columns {@code columns}) or {@code auto} (by the name: {@code .parquet}, {@code .csv[.gz]},
   *     otherwise TSV)
   * @param columns the column names in Parquet files, or the CSV header's when {@code header}
   * @param header whether CSV files start with a header line
   * @throws IllegalArgumentException for an unknown format or Parquet files without the columns
   */
  public static LabeledTriples read(
      SparkSession spark, String path, String format, List<String> columns, boolean header) {
    String resolved = resolveFormat(path, format);
    switch (resolved) {
      case "parquet":
        return fromDataFrame(
            spark.read().parquet(path), columns.get(0), columns.get(1), columns.get(2), path);
      case "csv":
        {
          StructType schema =
              new StructType()
                  .add(COLUMNS.get(0), DataTypes.StringType)
                  .add(COLUMNS.get(1), DataTypes.StringType)
                  .add(COLUMNS.get(2), DataTypes.StringType)
                  .add("_corrupt_record", DataTypes.StringType);
          Dataset<Row> rows =
              spark
                  .read()
                  .option("header", header)
                  .option("mode", "PERMISSIVE")
                  .option("columnNameOfCorruptRecord", "_corrupt_record")
                  .schema(schema)
                  .csv(path)
                  .persist(StorageLevel.MEMORY_AND_DISK());
          Column corrupt = col("_corrupt_record").isNotNull();
          return validate(
              rows.select(
                  org.apache
                      .spark
                      .sql
                      .functions
                      .when(corrupt, lit(null).cast(DataTypes.StringType))
                      .otherwise(col("head"))
                      .as("head"),
                  col("relation"),
                  col("tail"),
                  org.apache.spark.sql.functions.when(corrupt, col("_corrupt_record")).as("_raw")),
              path);
        }
      default:
        {
          // exactly kge4j's TSV rule: strip a trailing \r, skip blank lines, three non-empty fields
          Column line = regexp_replace(col("value"), "\r$", "");
          Column fields = split(line, "\t", -1);
          Dataset<Row> rows =
              spark
                  .read()
                  .text(path)
                  .select(line.as("line"), fields.as("fields"))
                  .where(trim(col("line")).notEqual(""));
          Column ok = size(col("fields")).equalTo(3);
          return validate(
              rows.select(
                  org.apache.spark.sql.functions.when(ok, col("fields").getItem(0)).as("head"),
                  org.apache.spark.sql.functions.when(ok, col("fields").getItem(1)).as("relation"),
                  org.apache.spark.sql.functions.when(ok, col("fields").getItem(2)).as("tail"),
                  col("line").as("_raw")),
              path);
        }
    }
  }

  /** The format {@link #read} uses for {@code path}. */
  static String resolveFormat(String path, String format) {
    String key = format == null ? "auto" : format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(key)) {
      throw new IllegalArgumentException("format must be one of " + FORMATS + ", got " + format);
    }
    if (!key.equals("auto")) {
      return key;
    }
    String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    if (name.endsWith(".parquet")) {
      return "parquet";
    }
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return "csv";
    }
    return "tsv";
  }

  private static Column labelColumn(StructType schema, String name) {
    requireLabelColumn(schema, name);
    return col("`" + name + "`").cast(DataTypes.StringType);
  }

  /**
   * Checks that {@code schema} has the column {@code name} and that it holds strings or integers,
   * the two forms a triple column may take (labels or ids).
   *
   * @throws IllegalArgumentException naming the missing or mistyped column
   */
  static void requireLabelColumn(StructType schema, String name) {
    List<String> names = List.of(schema.fieldNames());
    if (!names.contains(name)) {
      throw new IllegalArgumentException("column '" + name + "' not found; the input has " + names);
    }
    DataType type = schema.apply(name).dataType();
    if (!(type instanceof StringType) && !(type instanceof IntegralType)) {
      throw new IllegalArgumentException(
          "column '"
              + name
              + "' must hold strings or integers (labels or ids), got "
              + type.simpleString());
    }
  }

  /**
   * Splits {@code rows} (head, relation, tail, and optionally {@code _raw}: the line as read) into
   * valid triples and counted invalid rows.
   */
  private static LabeledTriples validate(Dataset<Row> rows, String source) {
    Column valid = lit(true);
    for (String c : COLUMNS) {
      valid = valid.and(col(c).isNotNull()).and(col(c).notEqual(""));
    }
    boolean hasRaw = List.of(rows.columns()).contains("_raw");
    Dataset<Row> marked = rows.withColumn("_valid", valid).persist(StorageLevel.MEMORY_AND_DISK());
    long numValid = 0;
    long numInvalid = 0;
    for (Row count : marked.groupBy("_valid").count().collectAsList()) {
      if (count.getBoolean(0)) {
        numValid = count.getLong(1);
      } else {
        numInvalid = count.getLong(1);
      }
    }
    List<String> examples = new ArrayList<>();
    if (numInvalid > 0) {
      Dataset<Row> invalid = marked.where(col("_valid").equalTo(false));
      for (Row row : invalid.limit(MAX_EXAMPLES).collectAsList()) {
        examples.add(
            hasRaw && row.getAs("_raw") != null
                ? row.<String>getAs("_raw")
                : "(" + row.get(0) + ", " + row.get(1) + ", " + row.get(2) + ")");
      }
    }
    Dataset<Row> triples = marked.where(col("_valid")).select("head", "relation", "tail");
    return new LabeledTriples(triples, numValid, numInvalid, examples, source);
  }

  /** A one-line report, e.g. for logs: valid rows, invalid rows and examples. */
  public String summary() {
    return source
        + ": "
        + numValid
        + " triples"
        + (numInvalid == 0
            ? ""
            : ", "
                + numInvalid
                + " invalid rows skipped, e.g. "
                + String.join(" | ", invalidExamples));
  }
}
