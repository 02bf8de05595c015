package io.imagecheck.testkit.error;

import io.imagecheck.fs.FileEntry;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the messages of the file assertions ({@code withMode}, {@code ownedBy}, {@code isExecutable},
 * {@code hasContent}, {@code contentMatches}, ...): the file, what was expected, what it has, and the
 * layer and history step that added it.
 */
public final class ShouldHaveFileProperty extends BasicErrorMessageFactory {

  private ShouldHaveFileProperty(String path, String image, String expected, String actual, String origin) {
    super("Expecting %s in image %s %s, but %s; it was added by %s", unquotedString(path), unquotedString(image),
        unquotedString(expected), unquotedString(actual), unquotedString(origin));
  }

  /**
   * The message for a file property that differs.
   *
   * @param image the image's source
   * @param path the path asked about (before following links)
   * @param entry the file (after following links)
   * @param expected e.g. {@code to have mode 0755}
   * @param actual e.g. {@code it has mode 0750 (-rwxr-x---)}
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHave(String image, String path, FileEntry entry, String expected,
      String actual) {
    String shown = entry.path().equals(path) ? Describe.printable(path)
        : Describe.printable(path) + " (-> " + Describe.printable(entry.path()) + ")";
    return new ShouldHaveFileProperty(shown, Describe.printable(image), expected, actual,
        Describe.origin(entry.origin()));
  }
}
