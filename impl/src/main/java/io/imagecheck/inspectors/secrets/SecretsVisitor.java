package io.imagecheck.inspectors.secrets;

import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads every regular file of every layer up to {@link SecretsInspector#MAX_FILE_BYTES} and returns
 * the secrets {@link SecretPatterns} finds in it (never the values).
 *
 * <p>Thread-safe (stateless).
 */
final class SecretsVisitor implements ContentVisitor<List<SecretHit>> {

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
}
