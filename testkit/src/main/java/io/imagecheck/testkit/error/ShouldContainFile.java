package io.imagecheck.testkit.error;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.Origin;
import java.util.Optional;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Builds the message of a failed {@code containsFile(path)}: the path is missing, and when a layer
 * deleted it, which layer added it and which deleted it; or it is a link that leads nowhere.
 */
public final class ShouldContainFile extends BasicErrorMessageFactory {

  private ShouldContainFile(String image, String path, String why) {
    super("Expecting image %s to contain %s, but %s", unquotedString(image), unquotedString(path),
        unquotedString(why));
  }

  /**
   * The message for a missing path.
   *
   * @param image the image's source
   * @param path the path asked for
   * @param deleted the entry a later layer deleted at that path, if any
   * @param deletedBy the layer that deleted it (when {@code deleted} is present)
   * @param problem why the path did not resolve beyond its absence (a dangling or looping link), if known
   * @return the message factory
   */
  public static ErrorMessageFactory shouldContainFile(String image, String path, Optional<FileEntry> deleted,
      Optional<Origin> deletedBy, Optional<String> problem) {
    String why;
    if (deleted.isPresent() && deletedBy.isPresent()) {
      why = "it was added by " + Describe.origin(deleted.get().origin()) + " and deleted by "
          + Describe.origin(deletedBy.get());
    } else if (problem.isPresent() && !problem.get().startsWith("no such file")) {
      why = "it does not resolve: " + Describe.printable(problem.get());
    } else {
      why = "it does not exist";
    }
    return new ShouldContainFile(Describe.printable(image), Describe.printable(path), why);
  }
}
