package io.imagecheck.testimage;

import io.imagecheck.fs.FileType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes a tar stream: POSIX ustar headers with correct checksums, preceded by a PAX extended
 * header ({@code 'x'}) when a value does not fit ustar, in the order entries are given.
 *
 * <p>Numbers are written as zero-padded octal ended by NUL, as Go's {@code archive/tar} does; the
 * checksum as six octal digits, NUL and space, as GNU tar does. A value carried by a PAX record is
 * written to the ustar field as far as it fits (ASCII only, truncated) or as 0, so readers without
 * PAX support still see a sane header.
 *
 * <p>Not thread-safe; the caller closes the output stream.
 */
final class TarWriter {

  /** The tar block size. */
  static final int BLOCK = 512;

  private static final long OCTAL_7 = 07777777L;
  private static final long OCTAL_11 = 077777777777L;

  private final OutputStream out;

  /**
   * A writer appending to {@code out}.
   *
   * @param out where the tar stream goes
   */
  TarWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * The name an entry gets in the tar: the path without its leading {@code /}, directories ending
   * in {@code /}, and {@code ./} for the root directory.
   *
   * @param spec the entry
   * @return the tar name
   */
  static String entryName(FileSpec spec) {
    if (spec.path().equals("/")) {
      return "./";
    }
    String relative = spec.path().substring(1);
    return spec.type() == FileType.DIRECTORY ? relative + "/" : relative;
  }

  /**
   * Writes a well-formed entry.
   *
   * @param spec the entry
   * @throws IOException when the output fails
   */
  void write(FileSpec spec) throws IOException {
    String name = entryName(spec);
    String link = spec.linkTarget()
        .map(t -> spec.type() == FileType.HARDLINK ? t.substring(1) : t)
        .orElse("");
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
    byte[] uname = spec.userName().orElse("").getBytes(StandardCharsets.UTF_8);
    byte[] gname = spec.groupName().orElse("").getBytes(StandardCharsets.UTF_8);

    // PAX keys sorted, as Go writes them.
    Map<String, byte[]> pax = new TreeMap<>();
    if (nameBytes.length > 100 || !isAscii(name)) {
      pax.put("path", nameBytes);
    }
    if (linkBytes.length > 100 || !isAscii(link)) {
      pax.put("linkpath", linkBytes);
    }
    if (uname.length > 32 || !isAscii(spec.userName().orElse(""))) {
      pax.put("uname", uname);
    }
    if (gname.length > 32 || !isAscii(spec.groupName().orElse(""))) {
      pax.put("gname", gname);
    }
    if (spec.uid() > OCTAL_7) {
      pax.put("uid", ascii(Long.toString(spec.uid())));
    }
    if (spec.gid() > OCTAL_7) {
      pax.put("gid", ascii(Long.toString(spec.gid())));
    }
    long seconds = spec.modified().getEpochSecond();
    if (seconds < 0 || seconds > OCTAL_11 || spec.modified().getNano() != 0) {
      BigDecimal exact = BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(spec.modified().getNano(), 9));
      pax.put("mtime", ascii(exact.stripTrailingZeros().toPlainString()));
    }
    spec.xattrs().forEach((k, v) -> pax.put("SCHILY.xattr." + k, v));

    Header h = new Header();
    h.bytes(RawTarEntry.NAME, truncatedAscii(name, 100));
    h.number(RawTarEntry.MODE, 8, spec.mode());
    h.number(RawTarEntry.UID, 8, spec.uid() > OCTAL_7 ? 0 : spec.uid());
    h.number(RawTarEntry.GID, 8, spec.gid() > OCTAL_7 ? 0 : spec.gid());
    h.number(RawTarEntry.SIZE, 12, spec.size());
    h.number(RawTarEntry.MTIME, 12, seconds < 0 || seconds > OCTAL_11 ? 0 : seconds);
    h.typeflag(typeflag(spec.type()));
    h.bytes(RawTarEntry.LINKNAME, truncatedAscii(link, 100));
    h.ustarMagic();
    h.bytes(RawTarEntry.UNAME, truncatedAscii(spec.userName().orElse(""), 32));
    h.bytes(RawTarEntry.GNAME, truncatedAscii(spec.groupName().orElse(""), 32));
    h.number(RawTarEntry.DEVMAJOR, 8, spec.deviceMajor());
    h.number(RawTarEntry.DEVMINOR, 8, spec.deviceMinor());

    if (!pax.isEmpty()) {
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      pax.forEach((k, v) -> records.writeBytes(RawTarEntry.paxRecord(k, v)));
      writePaxHeader(truncatedAscii(paxName(name), 100), records.toByteArray(),
          seconds < 0 || seconds > OCTAL_11 ? 0 : seconds);
    }
    out.write(h.seal(null));
    writeContent(spec.content(), true);
  }

  /**
   * Writes an entry exactly as described.
   *
   * @param raw the entry
   * @throws IOException when the output fails
   */
  void write(RawTarEntry raw) throws IOException {
    byte[] pax = raw.paxPayload();
    if (pax != null) {
      String base = new String(raw.name(), StandardCharsets.UTF_8);
      writePaxHeader(truncatedAscii(paxName(base), 100), pax, Math.max(0, raw.modified()));
    }
    Header h = new Header();
    h.bytes(RawTarEntry.NAME, raw.name());
    h.number(RawTarEntry.MODE, 8, raw.mode());
    h.number(RawTarEntry.UID, 8, raw.uid());
    h.number(RawTarEntry.GID, 8, raw.gid());
    h.number(RawTarEntry.SIZE, 12, raw.declaredSize());
    h.number(RawTarEntry.MTIME, 12, raw.modified());
    h.typeflag(raw.typeflag());
    h.bytes(RawTarEntry.LINKNAME, raw.linkName());
    h.ustarMagic();
    h.bytes(RawTarEntry.UNAME, raw.userName());
    h.bytes(RawTarEntry.GNAME, raw.groupName());
    h.number(RawTarEntry.DEVMAJOR, 8, raw.deviceMajor());
    h.number(RawTarEntry.DEVMINOR, 8, raw.deviceMinor());
    h.bytes(RawTarEntry.PREFIX, raw.prefix());
    for (RawTarEntry.Patch p : raw.patches()) {
      h.bytes(p.offset(), p.bytes());
    }
    out.write(h.seal(raw.checksum()));
    writeContent(raw.content(), raw.padContent());
  }

  /**
   * Writes a member of an image archive (a blob, {@code index.json} ...): a regular file, mode 0644,
   * owner 0:0, the fixed time, without copying the content.
   *
   * @param name the member name, ASCII and at most 100 bytes
   * @param content the content
   * @throws IOException when the output fails
   */
  void writeMember(String name, byte[] content) throws IOException {
    out.write(memberHeader(name, (byte) '0', 0644, content.length));
    writeContent(content, true);
  }

  /**
   * Writes a directory member of an image archive: mode 0755, owner 0:0, the fixed time.
   *
   * @param name the member name ending in {@code /}, ASCII and at most 100 bytes
   * @throws IOException when the output fails
   */
  void writeDirectoryMember(String name) throws IOException {
    out.write(memberHeader(name, (byte) '5', 0755, 0));
  }

  private static byte[] memberHeader(String name, byte typeflag, int mode, long size) {
    if (!isAscii(name) || name.length() > 100) {
      throw new IllegalStateException("archive member name must be ASCII and at most 100 bytes: " + name);
    }
    Header h = new Header();
    h.bytes(RawTarEntry.NAME, ascii(name));
    h.number(RawTarEntry.MODE, 8, mode);
    h.number(RawTarEntry.UID, 8, 0);
    h.number(RawTarEntry.GID, 8, 0);
    h.number(RawTarEntry.SIZE, 12, size);
    h.number(RawTarEntry.MTIME, 12, FileSpec.DEFAULT_MODIFIED.getEpochSecond());
    h.typeflag(typeflag);
    h.ustarMagic();
    h.number(RawTarEntry.DEVMAJOR, 8, 0);
    h.number(RawTarEntry.DEVMINOR, 8, 0);
    return h.seal(null);
  }

  /**
   * Ends the archive.
   *
   * @param endOfArchive whether to write the two zero blocks that mark the end (some writers, such as
   *     umoci 0.4.7, omit them)
   * @throws IOException when the output fails
   */
  void finish(boolean endOfArchive) throws IOException {
    if (endOfArchive) {
      out.write(new byte[2 * BLOCK]);
    }
    out.flush();
  }

  private void writePaxHeader(byte[] name, byte[] payload, long mtime) throws IOException {
    Header x = new Header();
    x.bytes(RawTarEntry.NAME, name);
    x.number(RawTarEntry.MODE, 8, 0644);
    x.number(RawTarEntry.UID, 8, 0);
    x.number(RawTarEntry.GID, 8, 0);
    x.number(RawTarEntry.SIZE, 12, payload.length);
    x.number(RawTarEntry.MTIME, 12, Math.min(mtime, OCTAL_11));
    x.typeflag((byte) 'x');
    x.ustarMagic();
    x.number(RawTarEntry.DEVMAJOR, 8, 0);
    x.number(RawTarEntry.DEVMINOR, 8, 0);
    out.write(x.seal(null));
    writeContent(payload, true);
  }

  private void writeContent(byte[] content, boolean pad) throws IOException {
    out.write(content);
    int rest = content.length % BLOCK;
    if (pad && rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }

  /** The name of a PAX header entry, {@code PaxHeaders.0/<base name>}, as Go's archive/tar writes it. */
  private static String paxName(String entryName) {
    String trimmed = entryName.endsWith("/") ? entryName.substring(0, entryName.length() - 1) : entryName;
    int slash = trimmed.lastIndexOf('/');
    String dir = slash < 0 ? "" : trimmed.substring(0, slash + 1);
    return dir + "PaxHeaders.0/" + trimmed.substring(slash + 1);
  }

  private static byte typeflag(FileType type) {
    return switch (type) {
      case REGULAR -> '0';
      case HARDLINK -> '1';
      case SYMLINK -> '2';
      case CHAR_DEVICE -> '3';
      case BLOCK_DEVICE -> '4';
      case DIRECTORY -> '5';
      case FIFO -> '6';
    };
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** The ASCII characters of {@code s} (others dropped, as Go does), cut to {@code max} bytes. */
  private static byte[] truncatedAscii(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      if (c > 0 && c <= 0x7f) {
        b.append(c);
      }
    }
    return ascii(b.toString());
  }

  /** One 512-byte header being laid out. */
  static final class Header {
    private final byte[] b = new byte[BLOCK];

    void bytes(int offset, byte[] value) {
      System.arraycopy(value, 0, b, offset, value.length);
    }

    void typeflag(byte value) {
      b[RawTarEntry.TYPEFLAG] = value;
    }

    void ustarMagic() {
      bytes(RawTarEntry.MAGIC, new byte[] {'u', 's', 't', 'a', 'r', 0});
      bytes(RawTarEntry.VERSION, new byte[] {'0', '0'});
    }

    /**
     * Writes a numeric field: zero-padded octal ended by NUL when the value fits, GNU base-256
     * (high bit set, big-endian two's complement) otherwise.
     */
    void number(int offset, int width, long value) {
      byte[] field = new byte[width];
      long limit = 1L << (3 * (width - 1));
      if (value >= 0 && value < limit) {
        String digits = Long.toOctalString(value);
        Arrays.fill(field, 0, width - 1, (byte) '0');
        byte[] d = ascii(digits);
        System.arraycopy(d, 0, field, width - 1 - d.length, d.length);
        field[width - 1] = 0;
      } else {
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
          field[i] = (byte) v;
          v >>= 8;
        }
        if (value >= 0) {
          field[0] = (byte) 0x80;
        }
      }
      bytes(offset, field);
    }

    /**
     * Computes the checksum (the unsigned sum of the header bytes with the checksum field counted
     * as spaces) and writes it as six octal digits, NUL and space.
     *
     * @param override a value to write instead, for corrupt-header tests
     * @return the finished header
     */
    byte[] seal(@Nullable Long override) {
      Arrays.fill(b, RawTarEntry.CHKSUM, RawTarEntry.CHKSUM + 8, (byte) ' ');
      long sum = checksum(b);
      long value = override != null ? override : sum;
      byte[] digits = ascii(String.format(java.util.Locale.ROOT, "%06o", value & 0777777));
      byte[] field = new byte[8];
      System.arraycopy(digits, 0, field, 0, 6);
      field[6] = 0;
      field[7] = ' ';
      bytes(RawTarEntry.CHKSUM, field);
      return b.clone();
    }

    /**
     * The ustar checksum of a header whose checksum field already holds spaces.
     *
     * @param header a 512-byte header
     * @return the unsigned byte sum
     */
    static long checksum(byte[] header) {
      long sum = 0;
      for (byte x : header) {
        sum += x & 0xff;
      }
      return sum;
    }
  }
}
