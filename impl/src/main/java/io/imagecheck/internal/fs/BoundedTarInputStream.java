package io.imagecheck.internal.fs;

import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.jspecify.annotations.Nullable;

/**
 * A lenient {@link TarArchiveInputStream} whose metadata reads are bounded. commons-compress reads a PAX
 * header, a GNU long name or link and a sparse map whole into memory, as large as the archive says (a
 * gzip layer can carry a 1 GiB PAX record in 1 MiB), and has no limit of its own. Here every byte that
 * {@link #getNextEntry()} reads from the stream underneath (headers, padding, PAX and GNU records, sparse
 * maps, never entry content, which is read before) counts against the {@code pax-bytes} limit, so such
 * an entry stops with a {@link LimitExceededException} after about {@code pax-bytes} have been read,
 * before anything of that size is allocated. A small allowance for the header blocks themselves and the
 * end-of-archive record is added to the limit.
 *
 * <p>Every header block must carry a valid checksum, as Go's archive/tar and GNU tar require (commons-compress
 * does not check it); a block that does not is an {@link ImageFormatException}, so a corrupt or crafted
 * header is never read as an entry.
 *
 * <p>A sparse entry's holes are zeros that are not in the stream: their size (real size minus stored
 * size) is reported to a callback, which counts them against {@code layer-bytes} and {@code image-bytes},
 * so a sparse file that claims petabytes cannot keep a reader busy for hours.
 *
 * <p>Not thread-safe (one reader).
 */
public final class BoundedTarInputStream extends TarArchiveInputStream {

  /** Receives the size of a sparse entry's holes. */
  @FunctionalInterface
  public interface Holes {
    /**
     * Counts zeros that a sparse entry adds without storing them.
     *
     * @param bytes the size of the holes
     * @throws IOException when they pass a limit
     */
    void add(long bytes) throws IOException;
  }

  /** Header blocks, padding and the end-of-archive record read around one entry's metadata. */
  private static final long ALLOWANCE = 64 * 1024;

  private final Meter meter;
  private final String source;
  private final String what;
  private final long paxLimit;
  private final Holes holes;
  private int depth;
  /** The next records are old GNU sparse extension blocks, which have no checksum. */
  private boolean sparseExtensions;
  private long badChecksumAt = -1;
  private long records;

  private BoundedTarInputStream(Meter meter, ReadLimits limits, String source, String what, Holes holes) {
    super(meter, 10240, 512, StandardCharsets.UTF_8.name(), true);
    this.meter = meter;
    this.source = source;
    this.what = what;
    this.paxLimit = limits.paxBytes();
    this.holes = holes;
  }

  /**
   * Opens a tar stream.
   *
   * @param in the uncompressed tar (closed with this stream)
   * @param limits the read limits ({@code pax-bytes})
   * @param source the source, for messages
   * @param what the layer or archive, for messages
   * @param holes receives the size of each sparse entry's holes, and may throw a limit
   * @return the stream
   */
  public static BoundedTarInputStream of(InputStream in, ReadLimits limits, String source, String what,
      Holes holes) {
    return new BoundedTarInputStream(new Meter(in), limits, source, what, holes);
  }

  @Override
  public @Nullable TarArchiveEntry getNextEntry() throws IOException {
    if (depth > 0) {
      // commons-compress calls itself for each PAX and GNU header: one budget covers them all
      return super.getNextEntry();
    }
    // Read what is left of the current entry first, so that only metadata is read under the budget.
    byte[] skip = new byte[8192];
    while (getCurrentEntry() != null && read(skip, 0, skip.length) >= 0) {
      // keep reading
    }
    depth++;
    meter.arm(paxLimit + ALLOWANCE);
    TarArchiveEntry e;
    try {
      e = super.getNextEntry();
    } catch (IOException | RuntimeException ex) {
      if (meter.tripped) {
        throw limit();
      }
      if (badChecksumAt >= 0) {
        throw badChecksum();
      }
      throw ex;
    } finally {
      meter.disarm();
      depth--;
    }
    if (badChecksumAt >= 0) {
      throw badChecksum();
    }
    if (e != null && e.isSparse()) {
      long hole = e.getRealSize() - e.getSize();
      if (hole < 0) {
        throw new ImageFormatException(source, what + ": sparse entry " + LayerScanner.printable(e.getName())
            + " stores more bytes (" + e.getSize() + ") than its real size (" + e.getRealSize() + ")");
      }
      holes.add(hole);
    }
    return e;
  }

  @Override
  protected byte[] readRecord() throws IOException {
    byte[] r = super.readRecord();
    if (r == null || r.length < 512) {
      return r;
    }
    records++;
    if (sparseExtensions) {
      sparseExtensions = r[504] != 0;
      return r;
    }
    if (!isEOFRecord(r)) {
      if (!TarUtils.verifyCheckSum(r)) {
        badChecksumAt = records;
        throw new IOException("bad tar header checksum");
      }
      sparseExtensions = r[156] == 'S' && r[482] != 0;
    }
    return r;
  }

  private ImageFormatException badChecksum() {
    return new ImageFormatException(source, what + " has a tar header block with a wrong checksum (header block "
        + badChecksumAt + "): the archive is corrupt or crafted");
  }

  private LimitExceededException limit() {
    return new LimitExceededException(source, what
        + " tar metadata of one entry (PAX header, GNU long name or sparse map) of more than " + paxLimit
        + " bytes", "pax-bytes", paxLimit);
  }

  /** Counts the bytes read from the stream underneath while armed, and fails past the budget. */
  private static final class Meter extends FilterInputStream {
    private long budget = -1;
    private boolean tripped;

    Meter(InputStream in) {
      super(in);
    }

    void arm(long max) {
      budget = max;
      tripped = false;
    }

    void disarm() {
      budget = -1;
    }

    private void count(long n) throws IOException {
      if (budget >= 0 && n > 0) {
        budget -= n;
        if (budget < 0) {
          tripped = true;
          throw new IOException("tar metadata budget exhausted");
        }
      }
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      count(n);
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = in.skip(n);
      count(s);
      return s;
    }
  }
}
