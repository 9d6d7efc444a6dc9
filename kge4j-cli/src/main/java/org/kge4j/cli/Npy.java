package org.kge4j.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Writes a float32 matrix as a {@code .npy} file, version 1.0 of the NumPy format specification
 * ({@code numpy.lib.format}): the magic {@code \x93NUMPY}, the version bytes {@code 1 0}, the
 * header length as a little-endian unsigned short, the header — the ASCII dict {@code {'descr':
 * '<f4', 'fortran_order': False, 'shape': (rows, columns), }} padded with spaces and ended by
 * {@code \n} so that magic, version, length and header together take a multiple of 64 bytes — and
 * then the values as little-endian float32 in C (row-major) order.
 *
 * <p>Rows are streamed one at a time, so a table never has to exist as one array, and the file is
 * written atomically (a temporary file, then a move).
 */
final class Npy {

  /** The six magic bytes that start every {@code .npy} file. */
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** The header's alignment: NumPy pads magic + version + length + header to this size. */
  static final int ALIGNMENT = 64;

  private Npy() {}

  /** The complete preamble (magic, version 1.0, length, padded header) of a rows x columns file. */
  static byte[] preamble(int rows, int columns) {
    String dict =
        String.format(
            Locale.ROOT,
            "{'descr': '<f4', 'fortran_order': False, 'shape': (%d, %d), }",
            rows,
            columns);
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer buffer =
        ByteBuffer.allocate(MAGIC.length + 4 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    buffer.put(header.getBytes(StandardCharsets.US_ASCII));
    return buffer.array();
  }

  /**
   * Writes {@code rows} rows of {@code columns} floats, row {@code i} given by {@code
   * row.apply(i)}, to {@code file} atomically.
   *
   * @throws IllegalArgumentException if a row has another length than {@code columns}
   */
  static void writeFloat32(Path file, int rows, int columns, IntFunction<float[]> row) {
    OutputFiles.write(
        file,
        temporary -> {
          try (OutputStream out =
              new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
            out.write(preamble(rows, columns));
            ByteBuffer bytes = ByteBuffer.allocate(4 * columns).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < rows; i++) {
              float[] values = row.apply(i);
              if (values.length != columns) {
                throw new IllegalArgumentException(
                    "row "
                        + i
                        + " of "
                        + file.getFileName()
                        + " has "
                        + values.length
                        + " values, expected "
                        + columns);
              }
              bytes.clear();
              bytes.asFloatBuffer().put(values);
              out.write(bytes.array());
            }
          }
        });
  }
}
