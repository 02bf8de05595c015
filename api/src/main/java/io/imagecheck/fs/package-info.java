/**
 * The merged filesystem view of an image: the final file tree with whiteouts applied, as a container
 * started from the image sees it, and for every path the {@link io.imagecheck.fs.Origin} (layer and
 * history step) that put it there.
 *
 * <p>A {@link io.imagecheck.fs.FileSystemView} keeps metadata only. File content is read on demand
 * ({@link io.imagecheck.fs.FileSystemView#open(String)} re-reads the one layer that holds it) or, for
 * scans, declared up front as {@link io.imagecheck.fs.ContentNeeds}: {@link io.imagecheck.fs.Capture}s
 * (small files whose bytes are kept) and {@link io.imagecheck.fs.ContentVisitor}s (a predicate and a
 * consumer of content streams), all served in the single pass over each layer that builds the view.
 *
 * <p>Paths are absolute, clean, {@code /}-separated image paths ({@code /usr/bin/sh}). Resolution of
 * links never touches the host filesystem.
 *
 * <p>Depends on: {@code io.imagecheck.image}.
 */
@NullMarked
package io.imagecheck.fs;

import org.jspecify.annotations.NullMarked;
