package io.imagecheck.fs;

import io.imagecheck.image.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of one filesystem entry, as its tar header describes it, and its {@link Origin}.
 *
 * <p>Instances are immutable and thread-safe. Build one with {@link #builder(String, FileType)}.
 *
 * @param path the absolute, clean image path, e.g. {@code /usr/bin/sh}
 * @param type the entry type
 * @param mode the permission bits and the setuid (04000), setgid (02000) and sticky (01000) bits
 * @param uid the owner's user id
 * @param gid the owner's group id
 * @param userName the owner's user name, when the tar records it
 * @param groupName the owner's group name, when the tar records it
 * @param size the content size in bytes (0 for everything but regular files)
 * @param modified the modification time
 * @param linkTarget the target of a symlink (as written) or hard link (as an absolute image path)
 * @param deviceMajor the major device number of a device node, else 0
 * @param deviceMinor the minor device number of a device node, else 0
 * @param xattrs extended attributes from PAX records ({@code SCHILY.xattr.*}), by name (e.g.
 *     {@code security.capability}); values are the raw bytes as ISO-8859-1 characters, see
 *     {@link #xattr(String)}
 * @param contentDigest the sha256 of the content, when the view was asked to compute content digests
 * @param origin the layer and build step that wrote this entry
 */
public record FileEntry(
    String path,
    FileType type,
    int mode,
    long uid,
    long gid,
    Optional<String> userName,
    Optional<String> groupName,
    long size,
    Instant modified,
    Optional<String> linkTarget,
    int deviceMajor,
    int deviceMinor,
    Map<String, String> xattrs,
    Optional<Digest> contentDigest,
    Origin origin) {

  /** Setuid bit. */
  public static final int SETUID = 04000;
  /** Setgid bit. */
  public static final int SETGID = 02000;
  /** Sticky bit. */
  public static final int STICKY = 01000;

  /**
   * Checks the components and copies collections.
   *
   * @param path the absolute, clean image path
   * @param type the entry type
   * @param mode the permission and special bits
   * @param uid the owner's user id
   * @param gid the owner's group id
   * @param userName the owner's user name, when recorded
   * @param groupName the owner's group name, when recorded
   * @param size the content size in bytes
   * @param modified the modification time
   * @param linkTarget the link target, for links
   * @param deviceMajor the major device number
   * @param deviceMinor the minor device number
   * @param xattrs extended attributes
   * @param contentDigest the content digest, when computed
   * @param origin the layer and build step that wrote this entry
   * @throws IllegalArgumentException when the path is not absolute or the size is negative
   */
  public FileEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(linkTarget, "linkTarget");
    Objects.requireNonNull(contentDigest, "contentDigest");
    Objects.requireNonNull(origin, "origin");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("image path must be absolute: " + path);
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + path);
    }
    mode = mode & 07777;
    xattrs = xattrs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(xattrs));
  }

  /**
   * A builder for an entry.
   *
   * @param path the absolute image path
   * @param type the entry type
   * @return a new builder
   */
  public static Builder builder(String path, FileType type) {
    return new Builder(path, type);
  }

  /**
   * A builder initialised from this entry.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(path, type);
    b.mode = mode;
    b.uid = uid;
    b.gid = gid;
    b.userName = userName.orElse(null);
    b.groupName = groupName.orElse(null);
    b.size = size;
    b.modified = modified;
    b.linkTarget = linkTarget.orElse(null);
    b.deviceMajor = deviceMajor;
    b.deviceMinor = deviceMinor;
    b.xattrs = xattrs;
    b.contentDigest = contentDigest.orElse(null);
    b.origin = origin;
    return b;
  }

  /**
   * The last path component.
   *
   * @return e.g. {@code sh} for {@code /usr/bin/sh}; {@code /} for the root
   */
  public String name() {
    if (path.equals("/")) {
      return "/";
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * The parent directory's path.
   *
   * @return e.g. {@code /usr/bin}; {@code /} for top-level entries and the root
   */
  public String parent() {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  /** @return true for regular files */
  public boolean isRegularFile() {
    return type == FileType.REGULAR;
  }

  /** @return true for directories */
  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }

  /** @return true for symbolic links */
  public boolean isSymlink() {
    return type == FileType.SYMLINK;
  }

  /** @return true for hard links */
  public boolean isHardlink() {
    return type == FileType.HARDLINK;
  }

  /** @return true when the setuid bit is set */
  public boolean isSetuid() {
    return (mode & SETUID) != 0;
  }

  /** @return true when the setgid bit is set */
  public boolean isSetgid() {
    return (mode & SETGID) != 0;
  }

  /** @return true when the sticky bit is set */
  public boolean isSticky() {
    return (mode & STICKY) != 0;
  }

  /**
   * Tells whether anyone may execute this entry: a regular file or hard link with any execute bit.
   *
   * @return true when an execute bit is set on a file
   */
  public boolean isExecutable() {
    return (type == FileType.REGULAR || type == FileType.HARDLINK) && (mode & 0111) != 0;
  }

  /**
   * Tells whether others may write this entry (not a symlink, whose mode is meaningless).
   *
   * @return true when the world-write bit is set
   */
  public boolean isWorldWritable() {
    return type != FileType.SYMLINK && (mode & 0002) != 0;
  }

  /**
   * The permission and special bits as four octal digits.
   *
   * @return e.g. {@code 0755} or {@code 4755}
   */
  public String octalMode() {
    String s = Integer.toOctalString(mode & 07777);
    return "0000".substring(s.length()) + s;
  }

  /**
   * The mode as {@code ls -l} shows it, including the type letter.
   *
   * @return e.g. {@code -rwsr-xr-x} or {@code drwxrwxrwt}
   */
  public String modeString() {
    char[] c = new char[10];
    c[0] = type == FileType.HARDLINK ? '-' : type.symbol();
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      c[i + 1] = (mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-';
    }
    if (isSetuid()) {
      c[3] = c[3] == 'x' ? 's' : 'S';
    }
    if (isSetgid()) {
      c[6] = c[6] == 'x' ? 's' : 'S';
    }
    if (isSticky()) {
      c[9] = c[9] == 'x' ? 't' : 'T';
    }
    return new String(c);
  }

  /**
   * The raw bytes of an extended attribute.
   *
   * @param name e.g. {@code security.capability}
   * @return a copy of the value's bytes, if the attribute is set
   */
  public Optional<byte[]> xattr(String name) {
    String v = xattrs.get(name);
    return v == null ? Optional.empty() : Optional.of(v.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A mutable builder for {@link FileEntry}; not thread-safe. */
  public static final class Builder {
    private final String path;
    private final FileType type;
    private int mode;
    private long uid;
    private long gid;
    private @Nullable String userName;
    private @Nullable String groupName;
    private long size;
    private Instant modified = Instant.EPOCH;
    private @Nullable String linkTarget;
    private int deviceMajor;
    private int deviceMinor;
    private Map<String, String> xattrs = Map.of();
    private @Nullable Digest contentDigest;
    private @Nullable Origin origin;

    private Builder(String path, FileType type) {
      this.path = Objects.requireNonNull(path, "path");
      this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Sets the mode bits.
     *
     * @param value permission and special bits, e.g. {@code 04755}
     * @return this builder
     */
    public Builder mode(int value) {
      mode = value;
      return this;
    }

    /**
     * Sets the owner ids.
     *
     * @param newUid the user id
     * @param newGid the group id
     * @return this builder
     */
    public Builder owner(long newUid, long newGid) {
      uid = newUid;
      gid = newGid;
      return this;
    }

    /**
     * Sets the owner names.
     *
     * @param user the user name, or null
     * @param group the group name, or null
     * @return this builder
     */
    public Builder ownerNames(@Nullable String user, @Nullable String group) {
      userName = user == null || user.isEmpty() ? null : user;
      groupName = group == null || group.isEmpty() ? null : group;
      return this;
    }

    /**
     * Sets the size.
     *
     * @param value bytes
     * @return this builder
     */
    public Builder size(long value) {
      size = value;
      return this;
    }

    /**
     * Sets the modification time.
     *
     * @param value the time
     * @return this builder
     */
    public Builder modified(Instant value) {
      modified = Objects.requireNonNull(value, "modified");
      return this;
    }

    /**
     * Sets the link target.
     *
     * @param value the target, or null
     * @return this builder
     */
    public Builder linkTarget(@Nullable String value) {
      linkTarget = value;
      return this;
    }

    /**
     * Sets the device numbers.
     *
     * @param major the major number
     * @param minor the minor number
     * @return this builder
     */
    public Builder device(int major, int minor) {
      deviceMajor = major;
      deviceMinor = minor;
      return this;
    }

    /**
     * Sets the extended attributes.
     *
     * @param value name to raw value (ISO-8859-1 characters)
     * @return this builder
     */
    public Builder xattrs(Map<String, String> value) {
      xattrs = value;
      return this;
    }

    /**
     * Sets the content digest.
     *
     * @param value the digest, or null
     * @return this builder
     */
    public Builder contentDigest(@Nullable Digest value) {
      contentDigest = value;
      return this;
    }

    /**
     * Sets the origin.
     *
     * @param value the origin
     * @return this builder
     */
    public Builder origin(Origin value) {
      origin = Objects.requireNonNull(value, "origin");
      return this;
    }

    /**
     * Builds the entry.
     *
     * @return the entry
     * @throws IllegalStateException when no origin was set
     */
    public FileEntry build() {
      if (origin == null) {
        throw new IllegalStateException("origin not set for " + path);
      }
      return new FileEntry(path, type, mode, uid, gid, Optional.ofNullable(userName), Optional.ofNullable(groupName),
          size, modified, Optional.ofNullable(linkTarget), deviceMajor, deviceMinor, xattrs,
          Optional.ofNullable(contentDigest), origin);
    }
  }
}
