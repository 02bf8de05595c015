package io.imagecheck.internal.fs;

import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.Visit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one pass over one layer produced: its entries in tar order, the content captured, the
 * visitors' results and errors, and warnings. Filled by one thread, then handed to the merge.
 */
final class LayerScan {

  final int layerIndex;
  final List<ScannedEntry> entries = new ArrayList<>();
  final Map<String, byte[]> captured = new LinkedHashMap<>();
  final Map<ContentVisitor<?>, List<Visit<?>>> visits = new IdentityHashMap<>();
  final Map<ContentVisitor<?>, String> visitorErrors = new IdentityHashMap<>();
  final List<String> warnings = new ArrayList<>();
  long uncompressedBytes;
  /** Tar entries read, including ignored ones (they count against the image's entry limit). */
  int tarEntries;
  /**
   * With a layer cache: the content of the files that visitors without a cache codec accepted, by tar
   * ordinal, so a cache hit can call those visitors again; null without a cache.
   */
  @Nullable Map<Integer, byte[]> replay;
  /** With a layer cache: the tar ordinal of the file of each visit (by identity). */
  final Map<Visit<?>, Integer> visitOrdinals = new IdentityHashMap<>();
  /** Bytes held in {@link #replay}. */
  long replayBytes;
  /** Why this scan cannot go into the cache, or null when it can. */
  @Nullable String uncacheable;

  LayerScan(int layerIndex) {
    this.layerIndex = layerIndex;
  }
}
