/**
 * Hostile-input tests: crafted images fed through the library ({@code ImageSources.open},
 * {@code FileSystemViews.read}, {@code Scanner.scan}), each asserting the typed exception and its message,
 * that nothing was written outside the test's own directory and that no imagecheck thread outlives the
 * read. The CLI side of the same threats is in the cli module's {@code HostileCliTest}.
 */
@NullMarked
package io.imagecheck.hostile;

import org.jspecify.annotations.NullMarked;
