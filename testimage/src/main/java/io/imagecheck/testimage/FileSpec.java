package io.imagecheck.testimage;

import io.imagecheck.fs.FileType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One well-formed layer entry with full control over its tar header: type, mode (including the
 * setuid, setgid and sticky bits), owner ids and names, modification time, content, link target,
 * device numbers and extended attributes.
 *
 * <p>The layer writer turns it into a ustar header, preceded by a PAX extended header ({@code x})
 * when a value does not fit ustar: a name or link target over 100 bytes or not ASCII, an owner name
 * over 32 bytes or not ASCII, an id over {@code 07777777}, a modification time outside the octal
 * range or with fractions of a second, and every extended attribute (as
 * {@code SCHILY.xattr.<name>}, the record GNU tar and Go's {@code archive/tar} use).
 *
 * <pre>{@code
 * FileSpec su = FileSpec.builder("/bin/su", FileType.REGULAR)
 *     .mode(04755).owner(0, 0).ownerNames("root", "root")
 *     .content(bytes)
 *     .xattr("security.capability", capabilityBytes)
 *     .build();
 * }</pre>
 *
 * <p>Not a record: it holds byte arrays, which records would compare by identity. Instances are
 * immutable (arrays are copied in and out) and thread-safe.
 */
public final class FileSpec {

  /** The modification time used when none is given: 2025-01-01T00:00:00Z. */
  public static final Instant DEFAULT_MODIFIED = Instant.parse("2025-01-01T00:00:00Z");

  private final String path;
  private final FileType type;
  private final int mode;
  private final long uid;
  private final long gid;
  private final @Nullable String userName;
  private final @Nullable String groupName;
  private final Instant modified;
  private final byte[] content;
  private final @Nullable String linkTarget;
  private final long deviceMajor;
  private final long deviceMinor;
  private final Map<String, byte[]> xattrs;

  private FileSpec(Builder b) {
    this.path = b.path;
    this.type = b.type;
    this.mode = b.mode;
    this.uid = b.uid;
    this.gid = b.gid;
    this.userName = b.userName;
    this.groupName = b.groupName;
    this.modified = b.modified;
    this.content = b.content.clone();
    this.linkTarget = b.linkTarget;
    this.deviceMajor = b.deviceMajor;
    this.deviceMinor = b.deviceMinor;
    TreeMap<String, byte[]> x = new TreeMap<>();
    b.xattrs.forEach((k, v) -> x.put(k, v.clone()));
    this.xattrs = Collections.unmodifiableMap(x);
  }

  /**
   * Starts an entry with the default mode of its type (0644 for regular files, hard links and
   * FIFOs, 0755 for directories, 0777 for symbolic links, 0666 for devices), owner 0:0 without
   * names, {@link #DEFAULT_MODIFIED}, no content.
   *
   * @param path the absolute image path, e.g. {@code /usr/bin/env}; {@code /} only for a directory
   * @param type the entry type
   * @return a new builder
   * @throws IllegalArgumentException when the path is not absolute and clean (no empty, {@code .}
   *     or {@code ..} segments, no trailing slash, no NUL)
   */
  public static Builder builder(String path, FileType type) {
    return new Builder(path, type);
  }

  /**
   * The absolute image path.
   *
   * @return e.g. {@code /usr/bin/env}
   */
  public String path() {
    return path;
  }

  /**
   * The entry type.
   *
   * @return the type
   */
  public FileType type() {
    return type;
  }

  /**
   * The permission bits and the setuid (04000), setgid (02000) and sticky (01000) bits.
   *
   * @return the mode, at most {@code 07777}
   */
  public int mode() {
    return mode;
  }

  /**
   * The owner's user id.
   *
   * @return the uid
   */
  public long uid() {
    return uid;
  }

  /**
   * The owner's group id.
   *
   * @return the gid
   */
  public long gid() {
    return gid;
  }

  /**
   * The owner's user name ({@code uname}), if set.
   *
   * @return the user name
   */
  public Optional<String> userName() {
    return Optional.ofNullable(userName);
  }

  /**
   * The owner's group name ({@code gname}), if set.
   *
   * @return the group name
   */
  public Optional<String> groupName() {
    return Optional.ofNullable(groupName);
  }

  /**
   * The modification time.
   *
   * @return the time
   */
  public Instant modified() {
    return modified;
  }

  /**
   * The content of a regular file (empty for other types).
   *
   * @return a copy of the content
   */
  public byte[] content() {
    return content.clone();
  }

  /**
   * The size of the content.
   *
   * @return the number of content bytes
   */
  public int size() {
    return content.length;
  }

  /**
   * The link target: as written for a symbolic link, an absolute image path for a hard link.
   *
   * @return the target, for links
   */
  public Optional<String> linkTarget() {
    return Optional.ofNullable(linkTarget);
  }

  /**
   * The major device number (devices only, else 0).
   *
   * @return the major number
   */
  public long deviceMajor() {
    return deviceMajor;
  }

  /**
   * The minor device number (devices only, else 0).
   *
   * @return the minor number
   */
  public long deviceMinor() {
    return deviceMinor;
  }

  /**
   * The extended attributes, by name (sorted).
   *
   * @return copies of the raw values
   */
  public Map<String, byte[]> xattrs() {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    xattrs.forEach((k, v) -> copy.put(k, v.clone()));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * The type and path, for messages.
   *
   * @return e.g. {@code REGULAR /bin/sh}
   */
  @Override
  public String toString() {
    return type + " " + path;
  }

  /**
   * Checks that a path is absolute and clean.
   *
   * @param path the candidate
   * @param what what the path is, for the message
   * @return the path
   * @throws IllegalArgumentException when it is not
   */
  static String checkPath(String path, String what) {
    Objects.requireNonNull(path, what);
    if (path.equals("/")) {
      return path;
    }
    boolean ok = path.startsWith("/") && !path.endsWith("/") && path.indexOf('\0') < 0;
    if (ok) {
      for (String segment : path.substring(1).split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      throw new IllegalArgumentException(what + " must be an absolute, clean image path (like /usr/bin/env), got \""
          + path + "\"; use RawTarEntry for hostile names");
    }
    return path;
  }

  /** A mutable builder for {@link FileSpec}; not thread-safe. */
  public static final class Builder {
    private final String path;
    private final FileType type;
    private int mode;
    private long uid;
    private long gid;
    private @Nullable String userName;
    private @Nullable String groupName;
    private Instant modified = DEFAULT_MODIFIED;
    private byte[] content = new byte[0];
    private @Nullable String linkTarget;
    private long deviceMajor;
    private long deviceMinor;
    private final Map<String, byte[]> xattrs = new TreeMap<>();

    private Builder(String path, FileType type) {
      this.path = checkPath(path, "path");
      this.type = Objects.requireNonNull(type, "type");
      if (path.equals("/") && type != FileType.DIRECTORY) {
        throw new IllegalArgumentException("only a directory can have the path /, got " + type);
      }
      this.mode = switch (type) {
        case DIRECTORY -> 0755;
        case SYMLINK -> 0777;
        case CHAR_DEVICE, BLOCK_DEVICE -> 0666;
        default -> 0644;
      };
    }

    /**
     * Sets the mode.
     *
     * @param value permission and special bits, e.g. {@code 04755}
     * @return this builder
     * @throws IllegalArgumentException when the value is outside {@code 0..07777}
     */
    public Builder mode(int value) {
      if (value < 0 || value > 07777) {
        throw new IllegalArgumentException("mode must be within 0..07777, got 0" + Integer.toOctalString(value));
      }
      mode = value;
      return this;
    }

    /**
     * Sets the owner ids.
     *
     * @param newUid the user id
     * @param newGid the group id
     * @return this builder
     * @throws IllegalArgumentException when an id is negative
     */
    public Builder owner(long newUid, long newGid) {
      if (newUid < 0 || newGid < 0) {
        throw new IllegalArgumentException("negative owner id: " + newUid + ":" + newGid);
      }
      uid = newUid;
      gid = newGid;
      return this;
    }

    /**
     * Sets the owner names written to {@code uname} and {@code gname}.
     *
     * @param user the user name, or null for none
     * @param group the group name, or null for none
     * @return this builder
     */
    public Builder ownerNames(@Nullable String user, @Nullable String group) {
      userName = user;
      groupName = group;
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
     * Sets the content of a regular file.
     *
     * @param value the bytes (copied)
     * @return this builder
     * @throws IllegalStateException when the entry is not a regular file
     */
    public Builder content(byte[] value) {
      if (type != FileType.REGULAR) {
        throw new IllegalStateException("only regular files have content, not " + type + " " + path);
      }
      content = value.clone();
      return this;
    }

    /**
     * Sets the content of a regular file as UTF-8 text.
     *
     * @param value the text
     * @return this builder
     * @throws IllegalStateException when the entry is not a regular file
     */
    public Builder content(String value) {
      return content(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the link target.
     *
     * @param value for a symbolic link the target as written (relative or absolute); for a hard link
     *     the absolute image path of an entry written earlier
     * @return this builder
     * @throws IllegalStateException when the entry is not a link
     * @throws IllegalArgumentException when a hard link target is not an absolute, clean path, or a
     *     symbolic link target is empty
     */
    public Builder linkTarget(String value) {
      Objects.requireNonNull(value, "linkTarget");
      if (type == FileType.HARDLINK) {
        checkPath(value, "hard link target");
      } else if (type == FileType.SYMLINK) {
        if (value.isEmpty() || value.indexOf('\0') >= 0) {
          throw new IllegalArgumentException("symbolic link target must be non-empty without NUL: " + path);
        }
      } else {
        throw new IllegalStateException("only links have a target, not " + type + " " + path);
      }
      linkTarget = value;
      return this;
    }

    /**
     * Sets the device numbers.
     *
     * @param major the major number
     * @param minor the minor number
     * @return this builder
     * @throws IllegalStateException when the entry is not a device
     * @throws IllegalArgumentException when a number is negative
     */
    public Builder device(long major, long minor) {
      if (type != FileType.CHAR_DEVICE && type != FileType.BLOCK_DEVICE) {
        throw new IllegalStateException("only devices have device numbers, not " + type + " " + path);
      }
      if (major < 0 || minor < 0) {
        throw new IllegalArgumentException("negative device number: " + major + "," + minor);
      }
      deviceMajor = major;
      deviceMinor = minor;
      return this;
    }

    /**
     * Adds an extended attribute, written as the PAX record {@code SCHILY.xattr.<name>}.
     *
     * @param name the attribute name, e.g. {@code security.capability}
     * @param value the raw value (copied)
     * @return this builder
     * @throws IllegalArgumentException when the name is empty or contains {@code =} or NUL
     */
    public Builder xattr(String name, byte[] value) {
      if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("bad extended attribute name: \"" + name + "\"");
      }
      xattrs.put(name, value.clone());
      return this;
    }

    /**
     * Builds the entry.
     *
     * @return the entry
     * @throws IllegalStateException when a link has no target
     */
    public FileSpec build() {
      if ((type == FileType.SYMLINK || type == FileType.HARDLINK) && linkTarget == null) {
        throw new IllegalStateException(type + " " + path + " needs a link target");
      }
      return new FileSpec(this);
    }
  }
}
