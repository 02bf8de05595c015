package io.imagecheck.testimage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tar entry written exactly as described, for hostile-input tests: the name field's bytes, the
 * type flag, every numeric field (including a size field that disagrees with the content), the link
 * name, PAX records (or a malformed PAX payload), arbitrary header bytes and even the checksum.
 *
 * <p>Nothing is validated beyond what the header layout forces (a field's bytes must fit the field):
 * names may contain {@code ..}, be absolute, or hold invalid UTF-8. Numeric fields are written in
 * octal when they fit and in GNU base-256 otherwise (negative values too). The content is written as
 * given and padded to the 512-byte block unless {@link Builder#padContent(boolean)} says otherwise.
 *
 * <pre>{@code
 * RawTarEntry escape = RawTarEntry.builder("../../etc/passwd").content("x").build();
 * RawTarEntry lying = RawTarEntry.builder("big").content(new byte[10]).declaredSize(1L << 40).build();
 * RawTarEntry longName = RawTarEntry.builder("short")
 *     .paxRecord("path", "a/" + "b".repeat(300)).build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RawTarEntry {

  /** The ustar field layout: offset of each field in the 512-byte header. */
  static final int NAME = 0;
  static final int MODE = 100;
  static final int UID = 108;
  static final int GID = 116;
  static final int SIZE = 124;
  static final int MTIME = 136;
  static final int CHKSUM = 148;
  static final int TYPEFLAG = 156;
  static final int LINKNAME = 157;
  static final int MAGIC = 257;
  static final int VERSION = 263;
  static final int UNAME = 265;
  static final int GNAME = 297;
  static final int DEVMAJOR = 329;
  static final int DEVMINOR = 337;
  static final int PREFIX = 345;

  private final byte[] name;
  private final byte typeflag;
  private final long mode;
  private final long uid;
  private final long gid;
  private final byte[] userName;
  private final byte[] groupName;
  private final long modified;
  private final byte[] linkName;
  private final byte[] prefix;
  private final long deviceMajor;
  private final long deviceMinor;
  private final byte[] content;
  private final long declaredSize;
  private final byte @Nullable [] paxPayload;
  private final List<Patch> patches;
  private final @Nullable Long checksum;
  private final boolean padContent;

  private RawTarEntry(Builder b) {
    name = b.name;
    typeflag = b.typeflag;
    mode = b.mode;
    uid = b.uid;
    gid = b.gid;
    userName = b.userName;
    groupName = b.groupName;
    modified = b.modified;
    linkName = b.linkName;
    prefix = b.prefix;
    deviceMajor = b.deviceMajor;
    deviceMinor = b.deviceMinor;
    content = b.content;
    declaredSize = b.declaredSize == null ? b.content.length : b.declaredSize;
    paxPayload = b.paxHeader != null ? b.paxHeader : (b.paxRecords.size() == 0 ? null : b.paxRecords.toByteArray());
    patches = List.copyOf(b.patches);
    checksum = b.checksum;
    padContent = b.padContent;
  }

  /**
   * Starts an entry whose name field holds the UTF-8 bytes of {@code name}: a regular file
   * ({@code '0'}), mode 0644, owner 0:0, modification time {@link FileSpec#DEFAULT_MODIFIED}, no
   * content.
   *
   * @param name the name as it goes into the header, e.g. {@code ../escape} or {@code bin/}
   * @return a new builder
   * @throws IllegalArgumentException when the name is longer than the 100-byte field
   */
  public static Builder builder(String name) {
    return builder(name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Starts an entry whose name field holds exactly {@code name} (see {@link #builder(String)} for the
   * defaults).
   *
   * @param name the bytes of the name field (at most 100)
   * @return a new builder
   * @throws IllegalArgumentException when the name is longer than the 100-byte field
   */
  public static Builder builder(byte[] name) {
    return new Builder(checkFits("name", name, 100));
  }

  /**
   * Encodes one PAX record, {@code "<length> <key>=<value>\n"}, where the length counts the whole
   * record including its own digits. Useful for building a global header ({@code 'g'}) as content.
   *
   * @param key the key, e.g. {@code path} or {@code SCHILY.xattr.user.a}
   * @param value the raw value
   * @return the record bytes
   */
  public static byte[] paxRecord(String key, byte[] value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int base = k.length + value.length + 3; // ' ', '=', '\n'
    int length = base + Integer.toString(base).length();
    while (length != base + Integer.toString(length).length()) {
      length = base + Integer.toString(length).length();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    out.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
    out.write(' ');
    out.writeBytes(k);
    out.write('=');
    out.writeBytes(value);
    out.write('\n');
    return out.toByteArray();
  }

  byte[] name() {
    return name;
  }

  byte typeflag() {
    return typeflag;
  }

  long mode() {
    return mode;
  }

  long uid() {
    return uid;
  }

  long gid() {
    return gid;
  }

  byte[] userName() {
    return userName;
  }

  byte[] groupName() {
    return groupName;
  }

  long modified() {
    return modified;
  }

  byte[] linkName() {
    return linkName;
  }

  byte[] prefix() {
    return prefix;
  }

  long deviceMajor() {
    return deviceMajor;
  }

  long deviceMinor() {
    return deviceMinor;
  }

  byte[] content() {
    return content;
  }

  long declaredSize() {
    return declaredSize;
  }

  byte @Nullable [] paxPayload() {
    return paxPayload;
  }

  List<Patch> patches() {
    return patches;
  }

  @Nullable Long checksum() {
    return checksum;
  }

  boolean padContent() {
    return padContent;
  }

  /**
   * The name field, for messages.
   *
   * @return the name bytes decoded as UTF-8 (invalid bytes replaced)
   */
  @Override
  public String toString() {
    return "RawTarEntry[" + new String(name, StandardCharsets.UTF_8) + ", typeflag " + (char) (typeflag & 0xff) + "]";
  }

  private static byte[] checkFits(String field, byte[] value, int width) {
    if (value.length > width) {
      throw new IllegalArgumentException(
          field + " is " + value.length + " bytes, the ustar field holds " + width + "; use a PAX record for more");
    }
    return value.clone();
  }

  /**
   * Header bytes to overwrite after the fields are laid out and before the checksum is computed.
   *
   * @param offset where in the 512-byte header
   * @param bytes what to write there
   */
  record Patch(int offset, byte[] bytes) {}

  /** A mutable builder for {@link RawTarEntry}; not thread-safe. */
  public static final class Builder {
    private final byte[] name;
    private byte typeflag = '0';
    private long mode = 0644;
    private long uid;
    private long gid;
    private byte[] userName = new byte[0];
    private byte[] groupName = new byte[0];
    private long modified = FileSpec.DEFAULT_MODIFIED.getEpochSecond();
    private byte[] linkName = new byte[0];
    private byte[] prefix = new byte[0];
    private long deviceMajor;
    private long deviceMinor;
    private byte[] content = new byte[0];
    private @Nullable Long declaredSize;
    private final ByteArrayOutputStream paxRecords = new ByteArrayOutputStream();
    private byte @Nullable [] paxHeader;
    private final List<Patch> patches = new ArrayList<>();
    private @Nullable Long checksum;
    private boolean padContent = true;

    private Builder(byte[] name) {
      this.name = name;
    }

    /**
     * Sets the type flag byte.
     *
     * @param value e.g. {@code '0'} (file), {@code '5'} (directory), {@code 'L'} (GNU long name),
     *     {@code 'g'} (PAX global header), or anything else
     * @return this builder
     * @throws IllegalArgumentException when the value does not fit one byte
     */
    public Builder typeflag(char value) {
      if (value > 0xff) {
        throw new IllegalArgumentException("typeflag must fit one byte: " + (int) value);
      }
      typeflag = (byte) value;
      return this;
    }

    /**
     * Sets the mode field.
     *
     * @param value any value, e.g. {@code 04755}
     * @return this builder
     */
    public Builder mode(long value) {
      mode = value;
      return this;
    }

    /**
     * Sets the uid and gid fields.
     *
     * @param newUid the user id (base-256 when it does not fit octal)
     * @param newGid the group id (base-256 when it does not fit octal)
     * @return this builder
     */
    public Builder owner(long newUid, long newGid) {
      uid = newUid;
      gid = newGid;
      return this;
    }

    /**
     * Sets the {@code uname} and {@code gname} fields (UTF-8).
     *
     * @param user the user name
     * @param group the group name
     * @return this builder
     * @throws IllegalArgumentException when a name is longer than the 32-byte field
     */
    public Builder ownerNames(String user, String group) {
      userName = checkFits("uname", user.getBytes(StandardCharsets.UTF_8), 32);
      groupName = checkFits("gname", group.getBytes(StandardCharsets.UTF_8), 32);
      return this;
    }

    /**
     * Sets the mtime field.
     *
     * @param epochSeconds seconds since the epoch
     * @return this builder
     */
    public Builder modified(long epochSeconds) {
      modified = epochSeconds;
      return this;
    }

    /**
     * Sets the link name field (UTF-8).
     *
     * @param value the link target as it goes into the header
     * @return this builder
     * @throws IllegalArgumentException when it is longer than the 100-byte field
     */
    public Builder linkName(String value) {
      return linkName(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the link name field's bytes.
     *
     * @param value at most 100 bytes
     * @return this builder
     * @throws IllegalArgumentException when it is longer than the 100-byte field
     */
    public Builder linkName(byte[] value) {
      linkName = checkFits("linkname", value, 100);
      return this;
    }

    /**
     * Sets the ustar {@code prefix} field, which readers put before the name with a {@code /}.
     *
     * @param value at most 155 bytes
     * @return this builder
     * @throws IllegalArgumentException when it is longer than the 155-byte field
     */
    public Builder prefix(byte[] value) {
      prefix = checkFits("prefix", value, 155);
      return this;
    }

    /**
     * Sets the device number fields.
     *
     * @param major the major number
     * @param minor the minor number
     * @return this builder
     */
    public Builder device(long major, long minor) {
      deviceMajor = major;
      deviceMinor = minor;
      return this;
    }

    /**
     * Sets the data written after the header; the size field follows it unless
     * {@link #declaredSize(long)} is set.
     *
     * @param value the bytes (copied)
     * @return this builder
     */
    public Builder content(byte[] value) {
      content = value.clone();
      return this;
    }

    /**
     * Sets the data written after the header as UTF-8 text.
     *
     * @param value the text
     * @return this builder
     */
    public Builder content(String value) {
      return content(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the size field independently of the content, e.g. larger than the data (a truncated
     * archive), smaller (trailing garbage read as a header), huge or negative (base-256).
     *
     * @param value the size field's value
     * @return this builder
     */
    public Builder declaredSize(long value) {
      declaredSize = value;
      return this;
    }

    /**
     * Adds a PAX record (UTF-8 value) to an extended header ({@code 'x'}) written just before this
     * entry. Records are written in the order added; duplicates are kept.
     *
     * @param key e.g. {@code path}, {@code linkpath}, {@code size}, {@code uid}
     * @param value the value
     * @return this builder
     */
    public Builder paxRecord(String key, String value) {
      return paxRecord(key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a PAX record with a raw value (see {@link #paxRecord(String, String)}).
     *
     * @param key the key
     * @param value the raw value
     * @return this builder
     */
    public Builder paxRecord(String key, byte[] value) {
      paxRecords.writeBytes(RawTarEntry.paxRecord(key, value));
      return this;
    }

    /**
     * Sets the exact payload of the extended header written before this entry, replacing any
     * {@link #paxRecord(String, String)} records: for malformed records (wrong lengths, missing
     * {@code =}, no newline).
     *
     * @param payload the bytes of the {@code 'x'} entry's data
     * @return this builder
     */
    public Builder paxHeader(byte[] payload) {
      paxHeader = payload.clone();
      return this;
    }

    /**
     * Overwrites header bytes after the fields are laid out and before the checksum is computed, e.g.
     * the magic at offset 257 ({@code "ustar  \0"} for GNU, zeros for v7).
     *
     * @param offset the offset in the 512-byte header
     * @param bytes the bytes to write there
     * @return this builder
     * @throws IllegalArgumentException when the bytes do not fit in the header
     */
    public Builder headerBytes(int offset, byte[] bytes) {
      if (offset < 0 || offset + bytes.length > 512) {
        throw new IllegalArgumentException("header patch [" + offset + ", " + (offset + bytes.length)
            + ") is outside the 512-byte header");
      }
      patches.add(new Patch(offset, bytes.clone()));
      return this;
    }

    /**
     * Writes this value to the checksum field instead of the correct checksum.
     *
     * @param value the (wrong) checksum
     * @return this builder
     */
    public Builder checksum(long value) {
      checksum = value;
      return this;
    }

    /**
     * Sets whether the content is padded with zeros to a multiple of 512 bytes (default true);
     * without padding, the next header starts off the block boundary.
     *
     * @param value false to omit the padding
     * @return this builder
     */
    public Builder padContent(boolean value) {
      padContent = value;
      return this;
    }

    /**
     * Builds the entry.
     *
     * @return the entry
     */
    public RawTarEntry build() {
      Objects.requireNonNull(name, "name");
      return new RawTarEntry(this);
    }
  }
}
