package io.imagecheck.internal.fs;

import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.Visit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  LayerScan(int layerIndex) {
    this.layerIndex = layerIndex;
  }
}
