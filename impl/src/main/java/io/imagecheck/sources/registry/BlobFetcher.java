package io.imagecheck.sources.registry;

import io.imagecheck.image.Digest;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.source.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET}/{@code HEAD /v2/<name>/blobs/<digest>}: streams a blob (never buffered whole), following
 * redirects to blob storage without the {@code Authorization} header. A connection that breaks or ends
 * early is resumed with a {@code Range} request from the byte where it stopped (or re-read and
 * skipped when the server ignores ranges), up to the configured attempts. The bytes are not verified
 * here: {@code ImageReader}, {@code StoredLayer} and {@link RegistryRepository#openBlob} wrap the stream
 * in a verifying one.
 *
 * <p>At most {@link RegistryOptions#blobConcurrency()} blob streams of one client are open at once;
 * opening another waits (see {@link BlobPermits} for the rules that prevent deadlocks). Thread-safe.
 */
final class BlobFetcher {

  private static final System.Logger LOG = System.getLogger(BlobFetcher.class.getName());
  private static final long PROGRESS_STEP = 1 << 20;

  private final RegistryTransport transport;
  private final String repository;
  private final ReadLimits limits;
  private final BlobPermits permits;

  BlobFetcher(RegistryTransport transport, String repository, ReadLimits limits, BlobPermits permits) {
    this.transport = transport;
    this.repository = repository;
    this.limits = limits;
    this.permits = permits;
  }

  String describeAction(Digest digest) {
    return "pull blob " + digest;
  }

  private RegistryRequest request(String method, Digest digest) {
    return new RegistryRequest(method, repository, "/v2/" + repository + "/blobs/" + digest, Map.of(),
        method.equals("HEAD") ? "check blob " + digest : describeAction(digest), limits);
  }

  /**
   * Tells whether the registry has a blob.
   *
   * @return its size, when it exists
   */
  Optional<Long> head(Endpoint endpoint, Digest digest) throws IOException {
    RegistryRequest req = request("HEAD", digest);
    try (RegistryResponse r = transport.send(endpoint, req)) {
      if (r.status() == 404) {
        return Optional.empty();
      }
      if (r.status() != 200) {
        throw r.error(endpoint, req);
      }
      return Optional.of(r.headers().firstValueAsLong("content-length").orElse(-1));
    }
  }

  /**
   * Opens a blob's bytes (unverified).
   *
   * @param endpoint where
   * @param digest the blob
   * @param size the declared size, or -1
   * @return the stream; the caller closes it (which frees a concurrency permit)
   */
  InputStream open(Endpoint endpoint, Digest digest, long size) throws IOException {
    BlobPermits.Permit permit = permits.acquire(describeAction(digest));
    try {
      BlobStream s = new BlobStream(endpoint, digest, size, permit);
      s.connect(0);
      return s;
    } catch (IOException | RuntimeException e) {
      permit.release();
      throw e;
    }
  }

  /** A resumable blob body. Not thread-safe. */
  private final class BlobStream extends InputStream {
    private final Endpoint endpoint;
    private final Digest digest;
    private final long size;
    private final BlobProgressListener progress;
    private final BlobPermits.Permit permit;
    private RegistryResponse response;
    private InputStream in = InputStream.nullInputStream();
    private long pos;
    private long reported;
    private int resumes;
    private boolean closed;
    private boolean ended;

    BlobStream(Endpoint endpoint, Digest digest, long size, BlobPermits.Permit permit) {
      this.permit = permit;
      this.endpoint = endpoint;
      this.digest = digest;
      this.size = size;
      this.progress = transport.options().progress();
      this.response = new RegistryResponse(0, java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true),
          java.net.URI.create("about:blank"), InputStream.nullInputStream());
    }

    void connect(long from) throws IOException {
      RegistryRequest req = request("GET", digest);
      if (from > 0) {
        req = req.withHeader("Range", "bytes=" + from + "-");
      }
      RegistryResponse r = transport.send(endpoint, req);
      int status = r.status();
      if (from > 0 && status == 206) {
        String range = r.header("content-range").orElse("");
        if (!range.startsWith("bytes " + from + "-")) {
          r.close();
          throw new RegistryException(endpoint.registry(), repository, describeAction(digest), status, List.of(),
              "resumed download returned the wrong range (" + RegistryResponse.printable(range) + ")", null);
        }
        in = r.body();
      } else if (status == 200) {
        in = r.body();
        if (from > 0) {
          // The server ignored the Range header: skip what was already delivered.
          long skipped = 0;
          byte[] buf = new byte[65536];
          while (skipped < from) {
            int k = in.read(buf, 0, (int) Math.min(buf.length, from - skipped));
            if (k < 0) {
              break;
            }
            skipped += k;
          }
          if (skipped < from) {
            r.close();
            throw new RegistryException(endpoint.registry(), repository, describeAction(digest), status, List.of(),
                "blob is shorter on a second read (" + skipped + " bytes)", null);
          }
        }
      } else {
        throw r.error(endpoint, req);
      }
      response = r;
      LOG.log(Level.DEBUG, "{0}/{1}: {2} from byte {3}", endpoint.registry(), repository, describeAction(digest),
          from);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException(describeAction(digest) + ": stream closed");
      }
      if (len == 0) {
        return 0;
      }
      while (true) {
        int n;
        try {
          n = in.read(b, off, len);
        } catch (ImageSourceException | InterruptedIOException e) {
          throw e;
        } catch (IOException e) {
          resume(e);
          continue;
        }
        if (n < 0) {
          if (size >= 0 && pos < size && resumes < transport.options().maxAttempts() - 1) {
            resume(new IOException("connection closed after " + pos + " of " + size + " bytes"));
            continue;
          }
          finish();
          return -1;
        }
        pos += n;
        if (pos - reported >= PROGRESS_STEP) {
          reported = pos;
          progress.onProgress(new BlobProgress(endpoint.registry(), repository, digest, size, pos, false));
        }
        return n;
      }
    }

    private void resume(IOException cause) throws IOException {
      response.close();
      if (resumes >= transport.options().maxAttempts() - 1) {
        finish();
        throw new RegistryException(endpoint.registry(), repository, describeAction(digest), 0, List.of(),
            "download broke off after " + pos + " bytes: " + RegistryResponse.reason(cause, describeAction(digest)),
            cause);
      }
      resumes++;
      LOG.log(Level.DEBUG, "{0}/{1}: {2} broke off after {3} bytes ({4}); resuming", endpoint.registry(), repository,
          describeAction(digest), pos, cause.getMessage());
      connect(pos);
    }

    private void finish() {
      if (!ended) {
        ended = true;
        progress.onProgress(new BlobProgress(endpoint.registry(), repository, digest, size, pos, true));
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      response.close();
      finish();
      permit.release();
    }
  }
}
