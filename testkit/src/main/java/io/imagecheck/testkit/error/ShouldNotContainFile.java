package io.imagecheck.testkit.error;

import io.imagecheck.fs.FileEntry;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message of a failed {@code doesNotContain(path)}: what is at the path and the layer and
 * history step that added it.
 */
public final class ShouldNotContainFile extends BasicErrorMessageFactory {

  private ShouldNotContainFile(String image, String path, String what, String origin) {
    super("Expecting image %s not to contain %s, but %s was added by %s", unquotedString(image),
        unquotedString(path), unquotedString(what), unquotedString(origin));
  }

  /**
   * The message for a path that exists.
   *
   * @param image the image's source
   * @param path the path asked about
   * @param entry what is there (not following a final symlink)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldNotContainFile(String image, String path, FileEntry entry) {
    String what = entry.isSymlink() ? "it (-> " + Describe.printable(entry.linkTarget().orElse("?")) + ")"
        : entry.path().equals(path) ? "it" : Describe.printable(entry.path());
    return new ShouldNotContainFile(Describe.printable(image), Describe.printable(path), what,
        Describe.origin(entry.origin()));
  }
}
