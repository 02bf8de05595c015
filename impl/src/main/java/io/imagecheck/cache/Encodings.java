package io.imagecheck.cache;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writing and reading strings and lists in cache entries. Strings are written losslessly, whatever
 * they hold (a length, then one byte per character when every character is below 256, else two):
 * unlike {@link DataOutput#writeUTF(String)} there is no 64 KiB limit and no loss on unpaired
 * surrogates. Every length read back is checked against a bound, so a damaged entry fails with an
 * {@link IOException} rather than a huge allocation.
 *
 * <p>Thread-safe (stateless).
 */
public final class Encodings {

  /** The longest string read back, in characters. */
  public static final int MAX_STRING = 16 << 20;
  /** The longest list read back. */
  public static final int MAX_LIST = 1 << 20;

  private Encodings() {}

  /**
   * Writes a string.
   *
   * @param out the output
   * @param s the string
   * @throws IOException when writing fails
   */
  public static void writeString(DataOutput out, String s) throws IOException {
    int n = s.length();
    boolean narrow = true;
    for (int i = 0; i < n && narrow; i++) {
      narrow = s.charAt(i) < 256;
    }
    out.writeInt(narrow ? n : -n - 1);
    if (narrow) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) s.charAt(i);
      }
      out.write(b);
    } else {
      out.writeChars(s);
    }
  }

  /**
   * Reads a string written by {@link #writeString(DataOutput, String)}.
   *
   * @param in the input
   * @return the string
   * @throws IOException when reading fails or the length is out of bounds
   */
  public static String readString(DataInput in) throws IOException {
    int code = in.readInt();
    boolean narrow = code >= 0;
    int n = narrow ? code : -(code + 1);
    if (n > MAX_STRING) {
      throw new IOException("cache entry: string of " + n + " characters, more than " + MAX_STRING);
    }
    if (narrow) {
      byte[] b = new byte[n];
      in.readFully(b);
      return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = in.readChar();
    }
    return new String(c);
  }

  /**
   * Writes an optional string.
   *
   * @param out the output
   * @param s the value
   * @throws IOException when writing fails
   */
  public static void writeOptional(DataOutput out, Optional<String> s) throws IOException {
    out.writeBoolean(s.isPresent());
    if (s.isPresent()) {
      writeString(out, s.get());
    }
  }

  /**
   * Reads an optional string written by {@link #writeOptional(DataOutput, Optional)}.
   *
   * @param in the input
   * @return the value
   * @throws IOException when reading fails
   */
  public static Optional<String> readOptional(DataInput in) throws IOException {
    return in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
  }

  /**
   * Writes a list of strings.
   *
   * @param out the output
   * @param list the strings
   * @throws IOException when writing fails
   */
  public static void writeStrings(DataOutput out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      writeString(out, s);
    }
  }

  /**
   * Reads a list written by {@link #writeStrings(DataOutput, List)}.
   *
   * @param in the input
   * @return the strings
   * @throws IOException when reading fails or the size is out of bounds
   */
  public static List<String> readStrings(DataInput in) throws IOException {
    int n = readCount(in);
    List<String> out = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      out.add(readString(in));
    }
    return out;
  }

  /**
   * Reads a count and checks it is between 0 and {@link #MAX_LIST}.
   *
   * @param in the input
   * @return the count
   * @throws IOException when reading fails or the count is out of bounds
   */
  public static int readCount(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_LIST) {
      throw new IOException("cache entry: count " + n + " out of bounds");
    }
    return n;
  }
}
