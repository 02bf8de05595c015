package io.imagecheck.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A content digest such as {@code sha256:9f86d08...}: an algorithm and the lower-case hex encoding of
 * the hash, as defined by the OCI image specification.
 *
 * <p>Only {@code sha256} and {@code sha512} are accepted: they are the registered algorithms every
 * image tool verifies. Parsing is strict (lower-case hex of the exact length), so a digest can never
 * carry path characters into a file or URL name.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the lower-case hex encoding of the hash (64 or 128 characters)
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

  /** The {@code sha256} algorithm name. */
  public static final String SHA256 = "sha256";
  /** The {@code sha512} algorithm name. */
  public static final String SHA512 = "sha512";

  /**
   * Checks the components and copies collections.
   *
   * @param algorithm {@code sha256} or {@code sha512}
   * @param hex the lower-case hex encoding of the hash (64 or 128 characters)
   */
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    int expected = hexLength(algorithm);
    if (expected < 0) {
      throw new IllegalArgumentException("unsupported digest algorithm: " + printable(algorithm));
    }
    if (hex.length() != expected || !isLowerHex(hex)) {
      throw new IllegalArgumentException(
          "malformed " + algorithm + " digest: expected " + expected + " lower-case hex characters, got "
              + printable(hex));
    }
  }

  /**
   * Parses {@code algorithm:hex}.
   *
   * @param value the digest string, e.g. {@code sha256:e3b0c442...}
   * @return the digest
   * @throws IllegalArgumentException when the string is not a valid sha256 or sha512 digest
   */
  public static Digest parse(String value) {
    Objects.requireNonNull(value, "value");
    int colon = value.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("malformed digest (expected algorithm:hex): " + printable(value));
    }
    return new Digest(value.substring(0, colon), value.substring(colon + 1));
  }

  /**
   * Tells whether {@code value} is a valid digest string.
   *
   * @param value a candidate digest
   * @return true when {@link #parse(String)} would accept it
   */
  public static boolean isValid(String value) {
    try {
      parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Computes the sha256 digest of some bytes.
   *
   * @param bytes the content
   * @return its sha256 digest
   */
  public static Digest sha256(byte[] bytes) {
    return of(SHA256, newMessageDigest(SHA256).digest(bytes));
  }

  /**
   * Wraps a finished hash.
   *
   * @param algorithm {@code sha256} or {@code sha512}
   * @param hash the raw hash bytes
   * @return the digest
   */
  public static Digest of(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  /**
   * Creates a {@link MessageDigest} for a supported algorithm.
   *
   * @param algorithm {@code sha256} or {@code sha512}
   * @return a fresh message digest
   * @throws IllegalArgumentException when the algorithm is not supported
   */
  public static MessageDigest newMessageDigest(String algorithm) {
    String jca;
    if (SHA256.equals(algorithm)) {
      jca = "SHA-256";
    } else if (SHA512.equals(algorithm)) {
      jca = "SHA-512";
    } else {
      throw new IllegalArgumentException("unsupported digest algorithm: " + printable(algorithm));
    }
    try {
      return MessageDigest.getInstance(jca);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jca + " is required by every Java runtime", e);
    }
  }

  /**
   * Creates a {@link MessageDigest} for this digest's algorithm.
   *
   * @return a fresh message digest
   */
  public MessageDigest newMessageDigest() {
    return newMessageDigest(algorithm);
  }

  /**
   * The short form used in human text: the algorithm and the first 12 hex characters.
   *
   * @return e.g. {@code sha256:ab12cd34ef56}
   */
  public String shortForm() {
    return algorithm + ":" + hex.substring(0, 12);
  }

  /**
   * The encoded form {@code algorithm:hex}.
   *
   * @return e.g. {@code sha256:e3b0c442...}
   */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }

  @Override
  public int compareTo(Digest other) {
    int c = algorithm.compareTo(other.algorithm);
    return c != 0 ? c : hex.compareTo(other.hex);
  }

  private static int hexLength(String algorithm) {
    if (SHA256.equals(algorithm)) {
      return 64;
    }
    if (SHA512.equals(algorithm)) {
      return 128;
    }
    return -1;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Quotes a possibly hostile string for an error message: escapes controls, caps the length. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(s.length(), 80);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > n) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
