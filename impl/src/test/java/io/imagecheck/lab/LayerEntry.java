package io.imagecheck.lab;

import io.imagecheck.fs.FileType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a lab image's layer tar, as GNU {@code tar -tv} listed it (one line of
 * {@code <image>.layer<N>.tsv}). Whiteout and opaque-directory markers appear under their own names.
 *
 * @param name the entry name exactly as stored in the tar (e.g. {@code /}, {@code ./}, {@code bin/},
 *     {@code usr/bin/.wh.bash})
 * @param type the entry type; hard links are {@link FileType#HARDLINK}
 * @param mode the permission bits including setuid, setgid and sticky
 * @param uid the owner's numeric id
 * @param gid the group's numeric id
 * @param size the stored byte size (0 for anything but regular files)
 * @param modified the modification time, to the second
 * @param linkTarget the target of a symbolic or hard link, empty for other types
 * @param device {@code major,minor} of a character or block device, empty for other types
 */
public record LayerEntry(
    String name,
    FileType type,
    int mode,
    int uid,
    int gid,
    long size,
    Instant modified,
    Optional<String> linkTarget,
    Optional<String> device) {

  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";

  /**
   * Checks the components.
   *
   * @param name the entry name as stored in the tar
   * @param type the entry type
   * @param mode the permission bits including setuid, setgid and sticky
   * @param uid the owner's numeric id
   * @param gid the group's numeric id
   * @param size the stored byte size
   * @param modified the modification time
   * @param linkTarget the target of a symbolic or hard link, empty for other types
   * @param device {@code major,minor} of a device, empty for other types
   */
  public LayerEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(linkTarget, "linkTarget");
    Objects.requireNonNull(device, "device");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty layer entry name");
    }
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException(name + ": mode out of range: " + Integer.toOctalString(mode));
    }
    if (size < 0) {
      throw new IllegalArgumentException(name + ": negative size: " + size);
    }
  }

  /**
   * The last path element of the name, without a trailing slash.
   *
   * @return e.g. {@code .wh.bash} for {@code usr/bin/.wh.bash}, {@code bin} for {@code bin/}
   */
  public String baseName() {
    String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /**
   * Tells whether this entry is a whiteout that hides one lower path ({@code .wh.<name>}).
   *
   * @return true for a whiteout, false for an opaque marker and anything else
   */
  public boolean isWhiteout() {
    String base = baseName();
    return base.startsWith(WHITEOUT_PREFIX) && !base.equals(OPAQUE_MARKER);
  }

  /**
   * Tells whether this entry marks its directory opaque ({@code .wh..wh..opq}).
   *
   * @return true for an opaque-directory marker
   */
  public boolean isOpaqueMarker() {
    return baseName().equals(OPAQUE_MARKER);
  }
}
