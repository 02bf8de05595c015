package io.imagecheck.inspectors.secrets;

import io.imagecheck.cache.CacheableVisitor;
import io.imagecheck.cache.Encodings;
import io.imagecheck.fs.FileEntry;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads every regular file of every layer up to {@link SecretsInspector#MAX_FILE_BYTES} and returns
 * the secrets {@link SecretPatterns} finds in it (never the values).
 *
 * <p>Its results go into a layer cache as a count, then each hit's rule id, kind, description, hint and
 * count.
 *
 * <p>Thread-safe (stateless).
 */
final class SecretsVisitor implements CacheableVisitor<List<SecretHit>> {

  @Override
  public String name() {
    return "secrets";
  }

  @Override
  public boolean accepts(FileEntry entry) {
    return entry.isRegularFile() && entry.size() > 0 && entry.size() <= SecretsInspector.MAX_FILE_BYTES;
  }

  @Override
  public @Nullable List<SecretHit> visit(FileEntry entry, InputStream content) throws IOException {
    byte[] bytes = content.readNBytes((int) Math.min(entry.size(), SecretsInspector.MAX_FILE_BYTES));
    // ISO-8859-1 maps each byte to one character: patterns are ASCII, and binary content cannot fail
    // to decode.
    List<SecretHit> hits = SecretPatterns.scan(entry.path(), new String(bytes, StandardCharsets.ISO_8859_1));
    return hits.isEmpty() ? null : List.copyOf(hits);
  }

  @Override
  public String cacheVersion() {
    return "1";
  }

  @Override
  public void encode(List<SecretHit> result, DataOutput out) throws IOException {
    out.writeInt(result.size());
    for (SecretHit h : result) {
      Encodings.writeString(out, h.ruleId());
      Encodings.writeString(out, h.kind());
      Encodings.writeString(out, h.description());
      Encodings.writeString(out, h.hint());
      out.writeInt(h.count());
    }
  }

  @Override
  public List<SecretHit> decode(DataInput in) throws IOException {
    int n = Encodings.readCount(in);
    List<SecretHit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hits.add(new SecretHit(Encodings.readString(in), Encodings.readString(in), Encodings.readString(in),
          Encodings.readString(in), in.readInt()));
    }
    return List.copyOf(hits);
  }
}
