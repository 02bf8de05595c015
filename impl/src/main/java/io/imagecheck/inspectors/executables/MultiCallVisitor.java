package io.imagecheck.inspectors.executables;

import io.imagecheck.cache.CacheableVisitor;
import io.imagecheck.cache.Encodings;
import io.imagecheck.fs.FileEntry;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recognises BusyBox and toybox binaries by their content, whatever they are called: an official
 * {@code busybox} image ships the binary as {@code /bin/[} with every applet, {@code sh} included, a hard
 * link to it, so names alone miss it.
 *
 * <p>What is read: regular files with an execute bit, between {@value #MIN_SIZE} bytes and
 * {@value #MAX_SIZE} bytes, that sit in a directory named {@code bin} or {@code sbin} (at any depth) or
 * whose own name is a shell or multi-call binary name ({@link #NAMES}). {@link #accepts(FileEntry)}
 * decides on the path, mode and size only.
 *
 * <p>What is recognised:
 * <ul>
 *   <li>BusyBox: the banner {@code BusyBox v<version>}; the version is kept. The applet table, a
 *       NUL-separated, sorted list of names that starts with {@code [} (the {@code test} applet), is read
 *       when present, so the applets compiled in are known even when no link names them.
 *   <li>toybox: the C string {@code toybox} (the multiplexer's own entry in its command table). Its
 *       command table is not a packed string list, so its applets stay unknown.
 * </ul>
 *
 * <p>Stateless and thread-safe: one result per file, collected by the view. Each inspector that needs
 * the results declares its own instance; all instances are equal, so a view reads each file once for
 * all of them and gives each the same results. Its results go into a layer cache as the kind, the
 * optional version, the applet names and the from-content flag, in that order.
 */
public final class MultiCallVisitor implements CacheableVisitor<MultiCall> {

  /** Files smaller than this are scripts or stubs, not multi-call binaries. */
  public static final long MIN_SIZE = 4096;
  /** Files larger than this are not read (a static BusyBox is about 1-2 MiB). */
  public static final long MAX_SIZE = 16L << 20;
  /** Names that are read wherever the file is. */
  public static final Set<String> NAMES = Set.of(MultiCall.BUSYBOX, MultiCall.TOYBOX, "sh", "ash", "hush", "bash",
      "dash", "[");

  private static final String BUSYBOX_BANNER = "BusyBox v";
  private static final String TOYBOX_NAME = "toybox\0";
  /** What both markers contain, and where. */
  private static final String MARKER_CORE = "ox";
  private static final int BUSYBOX_CORE_AT = BUSYBOX_BANNER.indexOf(MARKER_CORE);
  private static final int TOYBOX_CORE_AT = TOYBOX_NAME.indexOf(MARKER_CORE);
  private static final int MARKER_OFFSET = Math.min(BUSYBOX_CORE_AT, TOYBOX_CORE_AT);
  private static final int MAX_VERSION = 40;
  private static final int MAX_APPLETS = 4096;
  private static final int MAX_APPLET_NAME = 64;
  private static final int MIN_TABLE = 3;

  /** Creates the visitor. */
  public MultiCallVisitor() {
    // stateless
  }

  @Override
  public String name() {
    return "multi-call-binaries";
  }

  /**
   * Tells whether another object is a multi-call visitor: all are, being stateless and alike.
   *
   * @param other the other object
   * @return true for any {@code MultiCallVisitor}
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MultiCallVisitor;
  }

  @Override
  public int hashCode() {
    return MultiCallVisitor.class.getName().hashCode();
  }

  @Override
  public String cacheVersion() {
    return "1";
  }

  @Override
  public void encode(MultiCall result, DataOutput out) throws IOException {
    Encodings.writeString(out, result.kind());
    Encodings.writeOptional(out, result.version());
    Encodings.writeStrings(out, result.applets());
    out.writeBoolean(result.fromContent());
  }

  @Override
  public MultiCall decode(DataInput in) throws IOException {
    return new MultiCall(Encodings.readString(in), Encodings.readOptional(in), Encodings.readStrings(in),
        in.readBoolean());
  }

  @Override
  public boolean accepts(FileEntry entry) {
    if (!entry.isRegularFile() || (entry.mode() & 0111) == 0) {
      return false;
    }
    if (entry.size() < MIN_SIZE || entry.size() > MAX_SIZE) {
      return false;
    }
    String parent = entry.parent();
    String dirName = parent.substring(parent.lastIndexOf('/') + 1);
    return dirName.equals("bin") || dirName.equals("sbin") || NAMES.contains(entry.name());
  }

  @Override
  public @Nullable MultiCall visit(FileEntry entry, InputStream content) throws IOException {
    byte[] bytes = content.readNBytes((int) MAX_SIZE);
    return detect(bytes).orElse(null);
  }

  /**
   * Recognises a multi-call binary in a file's bytes.
   *
   * @param content the file's content
   * @return the binary's kind, version and applets; empty when it is neither BusyBox nor toybox
   */
  public static Optional<MultiCall> detect(byte[] content) {
    // ISO-8859-1 maps bytes to chars one to one, and String.indexOf is fast on such strings.
    String text = new String(content, StandardCharsets.ISO_8859_1);
    // One scan for the "ox" that both markers share ("BusyBox v", "toybox\0"), instead of one per marker.
    // The BusyBox banner wins wherever it is, as BusyBox binaries may name toybox.
    boolean toybox = false;
    for (int at = text.indexOf(MARKER_CORE, MARKER_OFFSET); at >= 0; at = text.indexOf(MARKER_CORE, at + 1)) {
      if (text.startsWith(BUSYBOX_BANNER, at - BUSYBOX_CORE_AT)) {
        int banner = at - BUSYBOX_CORE_AT;
        String version = version(text, banner + BUSYBOX_BANNER.length());
        return Optional.of(new MultiCall(MultiCall.BUSYBOX, Optional.ofNullable(version), appletTable(text), true));
      }
      toybox |= text.startsWith(TOYBOX_NAME, at - TOYBOX_CORE_AT);
    }
    if (toybox) {
      return Optional.of(new MultiCall(MultiCall.TOYBOX, Optional.empty(), List.of(), true));
    }
    return Optional.empty();
  }

  private static @Nullable String version(String text, int from) {
    int end = from;
    while (end < text.length() && end - from < MAX_VERSION && isVersionChar(text.charAt(end))) {
      end++;
    }
    // "1.36.1." would end a sentence; a version ends with a letter or digit
    while (end > from && !Character.isLetterOrDigit(text.charAt(end - 1))) {
      end--;
    }
    return end > from && Character.isDigit(text.charAt(from)) ? text.substring(from, end) : null;
  }

  private static boolean isVersionChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-'
        || c == '_' || c == '+';
  }

  /**
   * Finds BusyBox's applet name table: {@code "\0[\0[[\0acpid\0...\0\0"}, sorted by byte value. Every
   * candidate start ({@code "\0[\0"}) is tried; the first one followed by at least {@value #MIN_TABLE}
   * sorted names and an empty name wins.
   */
  private static List<String> appletTable(String text) {
    int from = 0;
    while (true) {
      int start = text.indexOf("\0[\0", from);
      if (start < 0) {
        return List.of();
      }
      List<String> names = readTable(text, start + 1);
      if (names.size() >= MIN_TABLE) {
        return names;
      }
      from = start + 1;
    }
  }

  /** The names from {@code start} up to an empty name (a double NUL); empty when that is not a table. */
  private static List<String> readTable(String text, int start) {
    List<String> names = new ArrayList<>();
    int i = start;
    String previous = null;
    while (i < text.length() && names.size() < MAX_APPLETS) {
      int end = text.indexOf('\0', i);
      if (end < 0) {
        return List.of();
      }
      if (end == i) {
        // the table ends with an empty name
        return names;
      }
      String name = text.substring(i, end);
      if (end - i > MAX_APPLET_NAME || !isAppletName(name) || (previous != null && previous.compareTo(name) >= 0)) {
        return List.of();
      }
      names.add(name);
      previous = name;
      i = end + 1;
    }
    return List.of();
  }

  private static boolean isAppletName(String name) {
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '['
          || (c >= 'A' && c <= 'Z');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
