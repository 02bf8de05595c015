package io.imagecheck.bench.jmh;

import io.imagecheck.image.Digest;
import io.imagecheck.internal.blob.PipelinedInputStream;
import io.imagecheck.internal.blob.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hashing 32 MiB: MessageDigest alone (the floor: SHA-256 with the CPU's SHA instructions), through
 * {@link VerifyingInputStream} (what every blob and diff_id check costs on top), and through a
 * {@link PipelinedInputStream} stage (the hand-off between threads).
 *
 * <p>Not thread-safe (JMH state, one thread).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashingStreamBenchmark {

  private static final int SIZE = 32 << 20;

  private byte[] data = new byte[0];
  private Digest expected = Digest.sha256(new byte[0]);
  private final byte[] buffer = new byte[64 << 10];

  /** Random content and its digest. */
  @Setup
  public void setUp() {
    data = new byte[SIZE];
    new Random(1).nextBytes(data);
    expected = Digest.sha256(data);
  }

  /**
   * SHA-256 of the array in 64 KiB updates.
   *
   * @return the digest, so the work is not eliminated
   */
  @Benchmark
  public byte[] messageDigestAlone() {
    MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
    for (int off = 0; off < data.length; off += buffer.length) {
      md.update(data, off, Math.min(buffer.length, data.length - off));
    }
    return md.digest();
  }

  /**
   * The same bytes read in 64 KiB reads through a verifying stream (digest and size checked at the end).
   *
   * @return the bytes read
   * @throws IOException never (the digest matches)
   */
  @Benchmark
  public long verifyingStream() throws IOException {
    try (InputStream in = new VerifyingInputStream(new ByteArrayInputStream(data), "bench", "blob", expected,
        data.length)) {
      return drain(in);
    }
  }

  /**
   * A verifying stream read on another thread, handed over in 256 KiB chunks (one pipeline stage).
   *
   * @return the bytes read
   * @throws IOException never
   */
  @Benchmark
  public long pipelinedVerifyingStream() throws IOException {
    InputStream verified = new VerifyingInputStream(new ByteArrayInputStream(data), "bench", "blob", expected,
        data.length);
    try (InputStream in = new PipelinedInputStream(verified, null, "bench")) {
      return drain(in);
    }
  }

  private long drain(InputStream in) throws IOException {
    long n = 0;
    int r;
    while ((r = in.read(buffer, 0, buffer.length)) >= 0) {
      n += r;
    }
    return n;
  }
}
