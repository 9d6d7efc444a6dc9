package org.kge4j.rdf;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV or TSV table with a header row into {@link InternedTriples}, through Apache Commons
 * CSV (RFC 4180 quoting: a field in double quotes may hold the delimiter, line breaks and {@code
 * ""} for a quote).
 *
 * <p>Columns: without a choice the table must have exactly three columns, taken as head, relation,
 * tail; otherwise three columns are chosen by header name or, when no header name matches, by
 * 0-based index. Every row must have as many fields as the header; values are labels as written
 * (not trimmed) and must not be empty; blank lines are skipped.
 */
final class TableReader {

  private static final String[] ROLES = {"head", "relation", "tail"};

  private TableReader() {}

  /**
   * Reads {@code reader} into {@code triples}, counting rows into {@code tally}.
   *
   * @param source the file as named in messages
   * @param delimiter the field delimiter
   * @param columns three header names or 0-based indexes, or empty for a three-column table
   * @throws IllegalArgumentException on a malformed row ({@code source:line: ...}), a missing
   *     header or an unknown column (the message lists the header)
   * @throws UncheckedIOException if the stream cannot be read
   */
  static void read(
      Reader reader,
      String source,
      char delimiter,
      List<String> columns,
      InternedTriples triples,
      Tally tally) {
    CSVFormat format =
        CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
    long line = 1;
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> header = null;
      int[] chosen = null;
      for (CSVRecord record : parser) {
        long recordLine = line;
        line = parser.getCurrentLineNumber() + 1;
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue;
        }
        if (header == null) {
          header = new ArrayList<>(record.toList());
          if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            // A byte order mark that an editor put in front of the first name.
            header.set(0, header.get(0).substring(1));
          }
          chosen = chooseColumns(source, header, columns);
          continue;
        }
        if (record.size() != header.size()) {
          throw new IllegalArgumentException(
              source
                  + ":"
                  + recordLine
                  + ": expected "
                  + header.size()
                  + " fields like the header "
                  + header
                  + ", got "
                  + record.size()
                  + " (is the delimiter '"
                  + printable(delimiter)
                  + "' right?)");
        }
        String[] labels = new String[3];
        for (int role = 0; role < 3; role++) {
          labels[role] = record.get(chosen[role]);
          if (labels[role].isEmpty()) {
            throw new IllegalArgumentException(
                source
                    + ":"
                    + recordLine
                    + ": empty "
                    + ROLES[role]
                    + " in column \""
                    + header.get(chosen[role])
                    + "\"");
          }
        }
        tally.statements++;
        triples.add(labels[0], labels[1], labels[2]);
      }
      if (header == null) {
        throw new IllegalArgumentException(source + ": file contains no header row (it is empty)");
      }
    } catch (UncheckedIOException e) {
      throw failure(source, line, e.getCause());
    } catch (IOException e) {
      throw failure(source, line, e);
    }
  }

  private static RuntimeException failure(String source, long line, IOException e) {
    if (e instanceof CSVException) {
      return new IllegalArgumentException(source + ":" + line + ": " + e.getMessage(), e);
    }
    if (e instanceof CharacterCodingException) {
      return new IllegalArgumentException(
          source + ":" + line + ": not valid UTF-8 (" + e.getMessage() + ")", e);
    }
    return new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
  }

  /** The indexes of head, relation and tail in {@code header}. */
  private static int[] chooseColumns(String source, List<String> header, List<String> columns) {
    if (columns.isEmpty()) {
      if (header.size() != 3) {
        throw new IllegalArgumentException(
            source
                + ": the header has "
                + header.size()
                + " columns "
                + header
                + "; choose head, relation and tail by name or 0-based index with columns,"
                + " e.g. --columns "
                + String.join(",", header.subList(0, Math.min(3, header.size()))));
      }
      return new int[] {0, 1, 2};
    }
    int[] chosen = new int[3];
    for (int role = 0; role < 3; role++) {
      String column = columns.get(role);
      int index = header.indexOf(column);
      if (index < 0 && column.matches("[0-9]{1,9}") && Integer.parseInt(column) < header.size()) {
        index = Integer.parseInt(column);
      }
      if (index < 0) {
        throw new IllegalArgumentException(
            source
                + ": no column \""
                + column
                + "\" (the "
                + ROLES[role]
                + ") in the header "
                + header
                + "; columns are header names or 0-based indexes below "
                + header.size());
      }
      for (int other = 0; other < role; other++) {
        if (chosen[other] == index) {
          throw new IllegalArgumentException(
              source
                  + ": head, relation and tail must be three different columns, got "
                  + columns
                  + " for the header "
                  + header);
        }
      }
      chosen[role] = index;
    }
    return chosen;
  }

  private static String printable(char delimiter) {
    return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
  }
}
