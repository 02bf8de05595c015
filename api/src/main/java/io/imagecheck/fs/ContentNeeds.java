package io.imagecheck.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * What content a view must serve while it is built: captures, visitors, and whether to compute a
 * sha256 of every regular file (for {@code imagecheck diff}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param captures small files to keep
 * @param visitors streaming consumers
 * @param contentDigests whether to compute {@link FileEntry#contentDigest()} for regular files
 */
public record ContentNeeds(List<Capture> captures, List<ContentVisitor<?>> visitors, boolean contentDigests) {

  /** Nothing: metadata only. */
  public static final ContentNeeds NONE = new ContentNeeds(List.of(), List.of(), false);

  /**
   * Checks the components and copies collections.
   *
   * @param captures small files to keep
   * @param visitors streaming consumers
   * @param contentDigests whether to compute content digests
   */
  public ContentNeeds {
    captures = List.copyOf(captures);
    visitors = List.copyOf(visitors);
  }

  /**
   * Combines the needs of several consumers.
   *
   * @param needs the needs to combine
   * @return all their captures and visitors; content digests if any asks for them
   */
  public static ContentNeeds combine(List<ContentNeeds> needs) {
    List<Capture> c = new ArrayList<>();
    List<ContentVisitor<?>> v = new ArrayList<>();
    boolean digests = false;
    for (ContentNeeds n : needs) {
      c.addAll(n.captures);
      v.addAll(n.visitors);
      digests |= n.contentDigests;
    }
    return new ContentNeeds(c, v, digests);
  }

  /**
   * Tells whether anything beyond metadata is needed.
   *
   * @return true when there are captures, visitors or content digests
   */
  public boolean needsContent() {
    return !captures.isEmpty() || !visitors.isEmpty() || contentDigests;
  }
}
