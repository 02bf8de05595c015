package io.imagecheck.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Bounds on what reading an image may cost, so that hostile input fails with a
 * {@link LimitExceededException} instead of exhausting memory, disk or time. The defaults are finite
 * and far above what real images need; every limit can be raised by the caller
 * ({@link #with(String, long)}) and on the command line ({@code --limit name=value}).
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>name</th><th>default</th><th>bounds</th></tr>
 *   <tr><td>{@code manifest-bytes}</td><td>4 MiB</td><td>a manifest, index or config document</td></tr>
 *   <tr><td>{@code json-depth}</td><td>64</td><td>nesting of any JSON document</td></tr>
 *   <tr><td>{@code index-depth}</td><td>8</td><td>indexes nested in indexes</td></tr>
 *   <tr><td>{@code layers}</td><td>1024</td><td>layers of one image</td></tr>
 *   <tr><td>{@code entries-per-layer}</td><td>2,000,000</td><td>tar entries in one layer</td></tr>
 *   <tr><td>{@code entries-per-image}</td><td>8,000,000</td><td>tar entries over all layers</td></tr>
 *   <tr><td>{@code path-length}</td><td>4096</td><td>bytes of an entry name or link target</td></tr>
 *   <tr><td>{@code symlink-hops}</td><td>40</td><td>links followed resolving one path (as Linux)</td></tr>
 *   <tr><td>{@code layer-bytes}</td><td>64 GiB</td><td>uncompressed bytes of one layer</td></tr>
 *   <tr><td>{@code image-bytes}</td><td>256 GiB</td><td>uncompressed bytes of all layers</td></tr>
 *   <tr><td>{@code capture-bytes}</td><td>64 MiB</td><td>file content captured for inspectors, per image</td></tr>
 *   <tr><td>{@code metadata-bytes}</td><td>1 GiB</td><td>estimated memory held by the metadata of an image's
 *   entries (names, link targets, owner names, extended attributes, implicit directories)</td></tr>
 *   <tr><td>{@code pax-bytes}</td><td>1 MiB</td><td>one tar PAX or GNU long-name header</td></tr>
 *   <tr><td>{@code referrers}</td><td>1000</td><td>referrers or signatures listed for one image</td></tr>
 *   <tr><td>{@code http-header-bytes}</td><td>64 KiB</td><td>response headers from a registry</td></tr>
 *   <tr><td>{@code http-error-bytes}</td><td>64 KiB</td><td>an error body read from a registry</td></tr>
 *   <tr><td>{@code redirects}</td><td>10</td><td>HTTP redirects followed for one request</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ReadLimits {

  /** Default limits. */
  private static final Map<String, Long> DEFAULTS;

  static {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("manifest-bytes", 4L << 20);
    m.put("json-depth", 64L);
    m.put("index-depth", 8L);
    m.put("layers", 1024L);
    m.put("entries-per-layer", 2_000_000L);
    m.put("entries-per-image", 8_000_000L);
    m.put("path-length", 4096L);
    m.put("symlink-hops", 40L);
    m.put("layer-bytes", 64L << 30);
    m.put("image-bytes", 256L << 30);
    m.put("capture-bytes", 64L << 20);
    m.put("metadata-bytes", 1L << 30);
    m.put("pax-bytes", 1L << 20);
    m.put("referrers", 1000L);
    m.put("http-header-bytes", 64L << 10);
    m.put("http-error-bytes", 64L << 10);
    m.put("redirects", 10L);
    DEFAULTS = Collections.unmodifiableMap(m);
  }

  private static final ReadLimits DEFAULT = new ReadLimits(DEFAULTS);

  private final Map<String, Long> values;

  private ReadLimits(Map<String, Long> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * The default limits.
   *
   * @return the defaults
   */
  public static ReadLimits defaults() {
    return DEFAULT;
  }

  /**
   * Returns a copy with one limit changed.
   *
   * @param name a limit name from the table above
   * @param value the new value, at least 1
   * @return the new limits
   * @throws IllegalArgumentException when the name is unknown or the value is not positive
   */
  public ReadLimits with(String name, long value) {
    Objects.requireNonNull(name, "name");
    String key = name.toLowerCase(Locale.ROOT);
    if (!DEFAULTS.containsKey(key)) {
      throw new IllegalArgumentException("unknown limit \"" + name + "\"; known: " + String.join(", ", DEFAULTS.keySet()));
    }
    if (value < 1) {
      throw new IllegalArgumentException("limit " + key + " must be positive, got " + value);
    }
    Map<String, Long> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new ReadLimits(copy);
  }

  /**
   * Parses {@code name=value} (the CLI's {@code --limit} syntax); values accept the suffixes
   * {@code k}, {@code m}, {@code g} (powers of 1024).
   *
   * @param assignment e.g. {@code manifest-bytes=8m}
   * @return the new limits
   * @throws IllegalArgumentException when the assignment is malformed
   */
  public ReadLimits with(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("limit must be name=value, got \"" + assignment + "\"");
    }
    return with(assignment.substring(0, eq).trim(), parseSize(assignment.substring(eq + 1).trim()));
  }

  /**
   * The value of a limit.
   *
   * @param name a limit name
   * @return the value
   * @throws IllegalArgumentException when the name is unknown
   */
  public long get(String name) {
    Long v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("unknown limit \"" + name + "\"");
    }
    return v;
  }

  /**
   * All limits by name, in the order of the table above.
   *
   * @return name to value
   */
  public Map<String, Long> asMap() {
    return values;
  }

  /** @return the {@code manifest-bytes} limit */
  public long manifestBytes() {
    return get("manifest-bytes");
  }

  /** @return the {@code json-depth} limit */
  public int jsonDepth() {
    return (int) Math.min(Integer.MAX_VALUE, get("json-depth"));
  }

  /** @return the {@code index-depth} limit */
  public int indexDepth() {
    return (int) Math.min(Integer.MAX_VALUE, get("index-depth"));
  }

  /** @return the {@code layers} limit */
  public int layers() {
    return (int) Math.min(Integer.MAX_VALUE, get("layers"));
  }

  /** @return the {@code entries-per-layer} limit */
  public long entriesPerLayer() {
    return get("entries-per-layer");
  }

  /** @return the {@code entries-per-image} limit */
  public long entriesPerImage() {
    return get("entries-per-image");
  }

  /** @return the {@code path-length} limit */
  public int pathLength() {
    return (int) Math.min(Integer.MAX_VALUE, get("path-length"));
  }

  /** @return the {@code symlink-hops} limit */
  public int symlinkHops() {
    return (int) Math.min(Integer.MAX_VALUE, get("symlink-hops"));
  }

  /** @return the {@code layer-bytes} limit */
  public long layerBytes() {
    return get("layer-bytes");
  }

  /** @return the {@code image-bytes} limit */
  public long imageBytes() {
    return get("image-bytes");
  }

  /** @return the {@code capture-bytes} limit */
  public long captureBytes() {
    return get("capture-bytes");
  }

  /** @return the {@code metadata-bytes} limit */
  public long metadataBytes() {
    return get("metadata-bytes");
  }

  /** @return the {@code pax-bytes} limit */
  public int paxBytes() {
    return (int) Math.min(Integer.MAX_VALUE, get("pax-bytes"));
  }

  /** @return the {@code referrers} limit */
  public int referrers() {
    return (int) Math.min(Integer.MAX_VALUE, get("referrers"));
  }

  /** @return the {@code http-header-bytes} limit */
  public int httpHeaderBytes() {
    return (int) Math.min(Integer.MAX_VALUE, get("http-header-bytes"));
  }

  /** @return the {@code http-error-bytes} limit */
  public int httpErrorBytes() {
    return (int) Math.min(Integer.MAX_VALUE, get("http-error-bytes"));
  }

  /** @return the {@code redirects} limit */
  public int redirects() {
    return (int) Math.min(Integer.MAX_VALUE, get("redirects"));
  }

  private static long parseSize(String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty limit value");
    }
    long mult = 1;
    char last = Character.toLowerCase(s.charAt(s.length() - 1));
    if (last == 'k' || last == 'm' || last == 'g') {
      mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      s = s.substring(0, s.length() - 1);
    }
    try {
      return Math.multiplyExact(Long.parseLong(s), mult);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("limit value is not a number: \"" + s + "\"", e);
    }
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof ReadLimits other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "ReadLimits" + values;
  }
}
