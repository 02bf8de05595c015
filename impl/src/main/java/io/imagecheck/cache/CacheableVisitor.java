package io.imagecheck.cache;

import io.imagecheck.fs.ContentVisitor;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A content visitor whose per-file results can be stored in a {@link LayerCache} and read back, so a
 * cached layer need not be read again for it.
 *
 * <p>A layer's entry in the cache holds, for a cacheable visitor, each file it returned a result for
 * (by position in the layer) with the bytes {@link #encode(Object, DataOutput)} wrote, and its error if
 * it failed in that layer. On a hit, {@link #decode(DataInput)} turns the bytes back into the result.
 * Visitors that are not cacheable are <em>replayed</em> instead: the cache keeps the content of the
 * files they accepted (up to a bound per layer) and calls them again on a hit; a layer whose files for
 * such visitors are too large is not cached at all.
 *
 * <p>The encoding is the visitor's own and explicit (no Java serialization, no reflection): write the
 * result's fields in a fixed order with {@link DataOutput} and the helpers of {@link Encodings}, read
 * them back in the same order. Change {@link #cacheVersion()} whenever the encoding or the results the
 * visitor computes for the same bytes change: the version is part of every cache key, so old entries
 * are then simply not found.
 *
 * @param <R> the per-file result
 */
public interface CacheableVisitor<R> extends ContentVisitor<R> {

  /**
   * The version of this visitor's results and their encoding, e.g. {@code 1}.
   *
   * @return a short string, changed whenever results or encoding change
   */
  String cacheVersion();

  /**
   * Writes one result.
   *
   * @param result a result {@link #visit} returned
   * @param out where to write it
   * @throws IOException when writing fails
   */
  void encode(R result, DataOutput out) throws IOException;

  /**
   * Reads one result back.
   *
   * @param in what {@link #encode(Object, DataOutput)} wrote (and nothing more)
   * @return the result, equal to the one encoded
   * @throws IOException when the bytes are not a result of this version
   */
  R decode(DataInput in) throws IOException;
}
