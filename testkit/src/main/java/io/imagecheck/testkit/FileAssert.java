package io.imagecheck.testkit;

import static io.imagecheck.testkit.error.ShouldHaveFileProperty.shouldHave;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.fs.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one file of an image, reached by {@link ImageAssert#containsFile(String)} (links
 * followed, as {@code stat} does). Every failure names the file, the layer and the history step that
 * added it:
 *
 * <pre>{@code
 * assertThat(image).containsFile("/app/server").withMode("0755").ownedBy(0, 0).isExecutable();
 * // Expecting /app/server in image oci:build/image to have mode 0755, but it has mode 0750 (-rwxr-x---);
 * // it was added by layer 2 of 2 (sha256:7e377e970bb0), history step 3: COPY build/ /app/
 * }</pre>
 *
 * <p>Content assertions read the file from its layer (at most {@value #MAX_CONTENT_BYTES} bytes), so the
 * image's source must still be open. Under {@link SoftImageAssertions}, the assertions after a failed
 * {@code containsFile} are skipped (the missing file was reported once).
 */
public class FileAssert extends AbstractAssert<FileAssert, @Nullable FileEntry> {

  /** The most bytes the content assertions read. */
  public static final int MAX_CONTENT_BYTES = 64 << 20;

  private final String image;
  private final String path;
  private final @Nullable FileSystemView fs;
  private final @Nullable SoftImageAssertions softly;

  /**
   * Creates the assert.
   *
   * @param entry the file after following links, or null when a soft {@code containsFile} failed
   * @param path the path as asked for
   * @param fs the merged filesystem it is in, or null when {@code entry} is null
   * @param softly the collector of soft assertions, or null
   */
  FileAssert(@Nullable FileEntry entry, String path, @Nullable FileSystemView fs,
      @Nullable SoftImageAssertions softly) {
    super(entry, FileAssert.class);
    this.path = Objects.requireNonNull(path, "path");
    this.fs = fs;
    this.image = fs == null ? "" : fs.image().source();
    this.softly = softly;
  }

  private FileAssert check(java.util.function.Consumer<FileEntry> assertion) {
    FileEntry e = actual;
    if (e == null) {
      // A soft containsFile failed and was reported; nothing to check.
      return myself;
    }
    Soft.run(softly, () -> assertion.accept(e));
    return myself;
  }

  /**
   * Verifies the permission and special bits, in octal.
   *
   * <pre>{@code
   * assertThat(image).containsFile("/app/server").withMode("0755");   // passes for -rwxr-xr-x
   * assertThat(image).containsFile("/bin/su").withMode("0755");       // fails: it has mode 4755 (-rwsr-xr-x)
   * }</pre>
   *
   * @param octal e.g. {@code 0755}, {@code 755} or {@code 4755}
   * @return this assert
   * @throws IllegalArgumentException when {@code octal} is not an octal mode
   */
  public FileAssert withMode(String octal) {
    Objects.requireNonNull(octal, "octal");
    if (!octal.matches("0?[0-7]{3,4}")) {
      throw new IllegalArgumentException("not an octal mode: \"" + octal + "\"; expected e.g. 0755 or 4755");
    }
    int expected = Integer.parseInt(octal, 8) & 07777;
    return check(e -> {
      if ((e.mode() & 07777) != expected) {
        String want = Integer.toOctalString(expected);
        want = "0000".substring(want.length()) + want;
        throwAssertionError(shouldHave(image, path, e, "to have mode " + want,
            "it has mode " + e.octalMode() + " (" + e.modeString() + ")"));
      }
    });
  }

  /**
   * Verifies the mode as {@code ls -l} prints it.
   *
   * <pre>{@code
   * assertThat(image).containsFile("/tmp").withPermissions("drwxrwxrwt");
   * }</pre>
   *
   * @param lsMode e.g. {@code -rwxr-xr-x}
   * @return this assert
   */
  public FileAssert withPermissions(String lsMode) {
    Objects.requireNonNull(lsMode, "lsMode");
    return check(e -> {
      if (!e.modeString().equals(lsMode)) {
        throwAssertionError(shouldHave(image, path, e, "to have permissions " + lsMode,
            "it has " + e.modeString()));
      }
    });
  }

  /**
   * Verifies the owner's user and group ids.
   *
   * <pre>{@code
   * assertThat(image).containsFile("/app").ownedBy(65532, 65532);
   * }</pre>
   *
   * @param uid the user id
   * @param gid the group id
   * @return this assert
   */
  public FileAssert ownedBy(long uid, long gid) {
    return check(e -> {
      if (e.uid() != uid || e.gid() != gid) {
        throwAssertionError(shouldHave(image, path, e, "to be owned by " + uid + ":" + gid,
            "it is owned by " + e.uid() + ":" + e.gid()));
      }
    });
  }

  /**
   * Verifies that the file is a regular file with an execute bit.
   *
   * <pre>{@code
   * assertThat(image).containsFile("/app/server").isExecutable();
   * assertThat(image).containsFile("/etc/passwd").isExecutable();   // fails: it has mode 0644 (-rw-r--r--)
   * }</pre>
   *
   * @return this assert
   */
  public FileAssert isExecutable() {
    return check(e -> {
      if (!e.isExecutable()) {
        String actualText = e.isRegularFile() || e.isHardlink()
            ? "it has mode " + e.octalMode() + " (" + e.modeString() + ")"
            : "it is " + typeName(e.type()) + " (" + e.modeString() + ")";
        throwAssertionError(shouldHave(image, path, e, "to be executable", actualText));
      }
    });
  }

  /**
   * Verifies that the path is a regular file.
   *
   * @return this assert
   */
  public FileAssert isRegularFile() {
    return isA(FileType.REGULAR);
  }

  /**
   * Verifies that the path is a directory.
   *
   * @return this assert
   */
  public FileAssert isDirectory() {
    return isA(FileType.DIRECTORY);
  }

  private FileAssert isA(FileType type) {
    return check(e -> {
      boolean regular = type == FileType.REGULAR && (e.isRegularFile() || e.isHardlink());
      if (e.type() != type && !regular) {
        throwAssertionError(shouldHave(image, path, e, "to be " + typeName(type),
            "it is " + typeName(e.type()) + " (" + e.modeString() + ")"));
      }
    });
  }

  /**
   * Verifies the file's size.
   *
   * @param bytes the expected size
   * @return this assert
   */
  public FileAssert hasSize(long bytes) {
    return check(e -> {
      if (e.size() != bytes) {
        throwAssertionError(shouldHave(image, path, e, "to have " + bytes + " bytes", "it has " + e.size()));
      }
    });
  }

  /**
   * Verifies the exact content, as UTF-8 text.
   *
   * <pre>{@code
   * assertThat(image).containsFile("/etc/hostname").hasContent("app\n");
   * }</pre>
   *
   * @param expected the text
   * @return this assert
   */
  public FileAssert hasContent(String expected) {
    Objects.requireNonNull(expected, "expected");
    return hasContent(expected.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Verifies the exact content.
   *
   * @param expected the bytes
   * @return this assert
   */
  public FileAssert hasContent(byte[] expected) {
    Objects.requireNonNull(expected, "expected");
    byte[] wanted = expected.clone();
    return check(e -> {
      byte[] content = content(e);
      if (!Arrays.equals(content, wanted)) {
        throwAssertionError(shouldHave(image, path, e, "to have content " + quote(wanted),
            "it has " + quote(content) + " (" + content.length + " bytes)"));
      }
    });
  }

  /**
   * Verifies that a regular expression is found in the content (UTF-8; anywhere, as
   * container-structure-test's {@code expectedContents}: anchor with {@code ^}/{@code $} and
   * {@code (?m)} for lines).
   *
   * <pre>{@code
   * assertThat(image).containsFile("/etc/passwd").contentMatches("(?m)^nonroot:x:65532:");
   * }</pre>
   *
   * @param regex the expression
   * @return this assert
   */
  public FileAssert contentMatches(String regex) {
    Pattern p = Pattern.compile(Objects.requireNonNull(regex, "regex"));
    return check(e -> {
      byte[] content = content(e);
      String text = new String(content, StandardCharsets.UTF_8);
      if (!p.matcher(text).find()) {
        throwAssertionError(shouldHave(image, path, e, "to have content matching /" + regex + "/",
            "it does not (" + content.length + " bytes: " + quote(content) + ")"));
      }
    });
  }

  /**
   * Verifies that a regular expression is not found in the content.
   *
   * @param regex the expression
   * @return this assert
   */
  public FileAssert contentDoesNotMatch(String regex) {
    Pattern p = Pattern.compile(Objects.requireNonNull(regex, "regex"));
    return check(e -> {
      String text = new String(content(e), StandardCharsets.UTF_8);
      java.util.regex.Matcher m = p.matcher(text);
      if (m.find()) {
        throwAssertionError(shouldHave(image, path, e, "not to have content matching /" + regex + "/",
            "it has " + quote(m.group().getBytes(StandardCharsets.UTF_8)) + " at offset " + m.start()));
      }
    });
  }

  private byte[] content(FileEntry e) {
    if (!e.isRegularFile() && !e.isHardlink()) {
      throwAssertionError(shouldHave(image, path, e, "to be a regular file with content",
          "it is " + typeName(e.type()) + " (" + e.modeString() + ")"));
    }
    FileSystemView view = Objects.requireNonNull(fs, "fs");
    try (InputStream in = view.open(e.path())) {
      return in.readNBytes(MAX_CONTENT_BYTES);
    } catch (IOException x) {
      throw new UncheckedIOException("cannot read " + path + " of " + image + ": " + x.getMessage(), x);
    }
  }

  private static String quote(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(text.length(), 200);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            b.append("\\u").append(String.format(Locale.ROOT, "%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').append(text.length() > n ? "..." : "").toString();
  }

  private static String typeName(FileType type) {
    return switch (type) {
      case REGULAR, HARDLINK -> "a regular file";
      case DIRECTORY -> "a directory";
      case SYMLINK -> "a symbolic link";
      case CHAR_DEVICE -> "a character device";
      case BLOCK_DEVICE -> "a block device";
      case FIFO -> "a named pipe";
    };
  }
}
