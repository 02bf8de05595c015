package io.imagecheck.filesystems;

import java.io.OutputStream;

/** Output streams for tests. */
final class OutputStreamsForTest {
  static final OutputStream NULL = OutputStream.nullOutputStream();

  private OutputStreamsForTest() {}
}
