package io.imagecheck.bench;

import io.imagecheck.image.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The harness's inputs, built on this machine with the real tools and kept under the data directory
 * (rebuilt only when missing or built with other sizes):
 * <ul>
 *   <li>{@code big}: a tar of this machine's {@code /usr} (bin, include, python, node_modules, then share)
 *       up to the size budget (500 MB, or 20 MB in smoke mode), compressed with {@code gzip -6 -n} and
 *       {@code zstd -3}, each as a one-layer OCI layout;
 *   <li>{@code parts}: the same files cut into four consecutive tars of about equal size, as a four-layer
 *       image and as four one-layer images (the multi-layer target compares the two);
 *   <li>{@code small}: a one-layer image of the smoke budget (the start-up and CDS rows);
 *   <li>{@code cache-a}/{@code cache-b}: the big layer plus a small top layer each (the second shares its
 *       base with the first: the cache row);
 *   <li>{@code zeros}: layers of mostly zeros (3 GiB and 1/10 of that; smoke: 320 and 32 MiB) with a few
 *       small files, generated streaming (the memory row).
 * </ul>
 *
 * <p>Not thread-safe: built once, by the harness's thread.
 */
final class BenchData {

  /** Where the big layer's files come from, in this order, until the budget is spent. */
  private static final List<String> ROOTS = List.of("usr/bin", "usr/include", "usr/lib/python3*",
      "usr/lib/node_modules", "usr/share");
  private static final String FORMAT = "2";

  final Path dir;
  final LayerBlob bigGz;
  final LayerBlob bigZst;
  final LayerBlob smallGz;
  final List<LayerBlob> parts;
  final LayerBlob zerosBig;
  final LayerBlob zerosSmall;
  final Path bigGzLayout;
  final Path bigZstLayout;
  final Path smallLayout;
  final Path multiLayout;
  final List<Path> partLayouts;
  final Path cacheA;
  final Path cacheB;
  final Path zerosBigLayout;
  final Path zerosSmallLayout;

  private BenchData(Path dir, Properties p) {
    this.dir = dir;
    this.bigGz = blob(p, "big.gz");
    this.bigZst = blob(p, "big.zst");
    this.smallGz = blob(p, "small.gz");
    List<LayerBlob> ps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ps.add(blob(p, "part" + i + ".gz"));
    }
    this.parts = List.copyOf(ps);
    this.zerosBig = blob(p, "zeros-big.gz");
    this.zerosSmall = blob(p, "zeros-small.gz");
    this.bigGzLayout = dir.resolve("oci-big-gz");
    this.bigZstLayout = dir.resolve("oci-big-zst");
    this.smallLayout = dir.resolve("oci-small");
    this.multiLayout = dir.resolve("oci-multi");
    List<Path> pl = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pl.add(dir.resolve("oci-part" + i));
    }
    this.partLayouts = List.copyOf(pl);
    this.cacheA = dir.resolve("oci-cache-a");
    this.cacheB = dir.resolve("oci-cache-b");
    this.zerosBigLayout = dir.resolve("oci-zeros-big");
    this.zerosSmallLayout = dir.resolve("oci-zeros-small");
  }

  /**
   * Builds (or reuses) the inputs.
   *
   * @param dir the data directory
   * @param bigBudget bytes of file content in the big layer
   * @param smallBudget bytes of file content in the small layer
   * @param zerosBytes the size of the big zeros layer (the small one is a tenth)
   * @param log progress
   * @return the inputs
   * @throws IOException when a tool fails
   */
  static BenchData prepare(Path dir, long bigBudget, long smallBudget, long zerosBytes, PrintStream log)
      throws IOException {
    Files.createDirectories(dir);
    Path props = dir.resolve("inputs.properties");
    String spec = FORMAT + "/" + bigBudget + "/" + smallBudget + "/" + zerosBytes;
    Properties p = new Properties();
    if (Files.exists(props)) {
      try (InputStream in = Files.newInputStream(props)) {
        p.load(in);
      }
      if (spec.equals(p.getProperty("spec"))) {
        log.println("inputs: reusing " + dir + " (delete it to rebuild)");
        return new BenchData(dir, p);
      }
      p.clear();
    }
    log.println("inputs: building into " + dir + " (tar, gzip -6, zstd -3; a few minutes for 500 MB)");
    p.setProperty("spec", spec);
    List<Member> big = select(bigBudget);
    List<Member> small = select(smallBudget);
    Path work = dir.resolve("work");
    Files.createDirectories(work);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      jobs.add(pool.submit(() -> layer(p, "big", big, work, true)));
      jobs.add(pool.submit(() -> layer(p, "small", small, work, false)));
      List<List<Member>> cut = cut(big, 4);
      for (int i = 0; i < 4; i++) {
        int k = i;
        jobs.add(pool.submit(() -> layer(p, "part" + k, cut.get(k), work, false)));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("building the inputs failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    put(p, "zeros-big.gz", zeros(work.resolve("zeros-big.tar.gz"), zerosBytes));
    put(p, "zeros-small.gz", zeros(work.resolve("zeros-small.tar.gz"), zerosBytes / 10));
    put(p, "top-a.gz", top(work.resolve("top-a.tar.gz"), "a"));
    put(p, "top-b.gz", top(work.resolve("top-b.tar.gz"), "b"));

    BenchData d = new BenchData(dir, p);
    OciLayoutWriter.write(d.bigGzLayout, "big /usr layer (gzip)", List.of(d.bigGz));
    OciLayoutWriter.write(d.bigZstLayout, "big /usr layer (zstd)", List.of(d.bigZst));
    OciLayoutWriter.write(d.smallLayout, "small /usr layer", List.of(d.smallGz));
    OciLayoutWriter.write(d.multiLayout, "part of /usr", d.parts);
    for (int i = 0; i < 4; i++) {
      OciLayoutWriter.write(d.partLayouts.get(i), "part of /usr", List.of(d.parts.get(i)));
    }
    OciLayoutWriter.write(d.cacheA, "shared base, then top a", List.of(d.bigGz, blob(p, "top-a.gz")));
    OciLayoutWriter.write(d.cacheB, "shared base, then top b", List.of(d.bigGz, blob(p, "top-b.gz")));
    OciLayoutWriter.write(d.zerosBigLayout, "zeros", List.of(d.zerosBig));
    OciLayoutWriter.write(d.zerosSmallLayout, "zeros", List.of(d.zerosSmall));
    try (OutputStream out = Files.newOutputStream(props)) {
      p.store(out, "imagecheck bench inputs");
    }
    return d;
  }

  /** A file or directory to put in a tar, with its content size. */
  private record Member(String path, long size) {}

  /** Walks the roots in name order, taking entries until the files' sizes reach the budget. */
  private static List<Member> select(long budget) throws IOException {
    List<Member> out = new ArrayList<>();
    long[] total = {0};
    for (String root : ROOTS) {
      for (Path r : expand(root)) {
        if (total[0] >= budget) {
          return out;
        }
        walk(r, out, total, budget);
      }
    }
    return out;
  }

  private static List<Path> expand(String root) throws IOException {
    if (!root.endsWith("*")) {
      Path p = Path.of("/", root);
      return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? List.of(p) : List.of();
    }
    Path parent = Path.of("/", root).getParent();
    String prefix = Path.of(root).getFileName().toString().replace("*", "");
    if (!Files.isDirectory(parent)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(x -> x.getFileName().toString().startsWith(prefix)
          && Files.isDirectory(x, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
  }

  private static void walk(Path p, List<Member> out, long[] total, long budget) throws IOException {
    if (total[0] >= budget) {
      return;
    }
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String rel = p.toString().substring(1);
    if (a.isSymbolicLink()) {
      out.add(new Member(rel, 0));
    } else if (a.isRegularFile()) {
      if (Files.isReadable(p)) {
        out.add(new Member(rel, a.size()));
        total[0] += a.size();
      }
    } else if (a.isDirectory()) {
      out.add(new Member(rel, 0));
      List<Path> children;
      try (Stream<Path> s = Files.list(p)) {
        children = s.sorted().toList();
      } catch (IOException e) {
        return; // unreadable directory: skip its content
      }
      for (Path c : children) {
        walk(c, out, total, budget);
      }
    }
  }

  private static List<List<Member>> cut(List<Member> all, int n) {
    long total = all.stream().mapToLong(Member::size).sum();
    List<List<Member>> out = new ArrayList<>();
    List<Member> current = new ArrayList<>();
    long acc = 0;
    for (Member m : all) {
      long boundary = total * (out.size() + 1) / n;
      // Cut at whichever side of this member is nearer the boundary, so parts come out about equal.
      if (out.size() < n - 1 && !current.isEmpty() && acc + m.size() > boundary
          && acc + m.size() - boundary > boundary - acc) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.add(m);
      acc += m.size();
      if (out.size() < n - 1 && acc >= total * (out.size() + 1) / n) {
        out.add(current);
        current = new ArrayList<>();
      }
    }
    out.add(current);
    while (out.size() < n) {
      // one file bigger than a part: split the part with the most members in two
      List<Member> most = out.stream().max(java.util.Comparator.comparingInt(List::size)).orElseThrow();
      int at = out.indexOf(most);
      out.set(at, new ArrayList<>(most.subList(0, most.size() / 2)));
      out.add(at + 1, new ArrayList<>(most.subList(most.size() / 2, most.size())));
    }
    return out;
  }

  /** Writes the tar with the real tar, compresses it with gzip (and zstd), records digests. */
  private static Void layer(Properties p, String name, List<Member> members, Path work, boolean zstd) {
    try {
      Path list = work.resolve(name + ".list");
      StringBuilder b = new StringBuilder();
      for (Member m : members) {
        b.append(m.path()).append('\0');
      }
      Files.writeString(list, b, StandardCharsets.UTF_8);
      Path tar = work.resolve(name + ".tar");
      Commands.shell("tar -C / --no-recursion --null -T " + Commands.quote(list) + " -cf " + Commands.quote(tar));
      Digest diffId = sha256(tar);
      long tarSize = Files.size(tar);
      Path gz = work.resolve(name + ".tar.gz");
      Commands.shell("gzip -6 -n -c " + Commands.quote(tar) + " > " + Commands.quote(gz));
      synchronized (p) {
        put(p, name + ".gz", new LayerBlob(gz, LayerBlob.GZIP, sha256(gz), Files.size(gz), diffId, tarSize));
      }
      if (zstd) {
        Path zst = work.resolve(name + ".tar.zst");
        Commands.shell("zstd -3 -q -f " + Commands.quote(tar) + " -o " + Commands.quote(zst));
        synchronized (p) {
          put(p, name + ".zst", new LayerBlob(zst, LayerBlob.ZSTD, sha256(zst), Files.size(zst), diffId, tarSize));
        }
      }
      Files.delete(tar);
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small top layer: a config file and a script that differ between a and b. */
  private static LayerBlob top(Path gz, String which) throws IOException {
    return generate(gz, tar -> {
      file(tar, "etc/app-" + which + ".conf", ("name=" + which + "\n").getBytes(StandardCharsets.UTF_8), 0644);
      file(tar, "usr/local/bin/app-" + which, ("#!/bin/sh\necho " + which + "\n").getBytes(StandardCharsets.UTF_8),
          0755);
    });
  }

  /** A layer of mostly zeros: a few small files, then 512 MiB files of zeros up to the size. */
  private static LayerBlob zeros(Path gz, long bytes) throws IOException {
    return generate(gz, tar -> {
      file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0644);
      file(tar, "usr/bin/tool", new byte[8192], 0755);
      byte[] zeros = new byte[1 << 20];
      long left = bytes;
      int n = 0;
      while (left > 0) {
        long size = Math.min(left, 512L << 20);
        TarArchiveEntry e = new TarArchiveEntry("data/zeros-" + n++);
        e.setSize(size);
        e.setMode(0100644);
        e.setModTime(Date.from(Instant.parse("2024-01-01T00:00:00Z")));
        tar.putArchiveEntry(e);
        for (long w = 0; w < size; w += zeros.length) {
          tar.write(zeros, 0, (int) Math.min(zeros.length, size - w));
        }
        tar.closeArchiveEntry();
        left -= size;
      }
    });
  }

  private interface TarContent {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  private static LayerBlob generate(Path gz, TarContent content) throws IOException {
    MessageDigest blob = Digest.newMessageDigest(Digest.SHA256);
    MessageDigest diff = Digest.newMessageDigest(Digest.SHA256);
    long[] tarSize = {0};
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(gz), 1 << 16);
        DigestOutputStream hashedBlob = new DigestOutputStream(file, blob);
        GZIPOutputStream gzip = new FastGzip(hashedBlob);
        DigestOutputStream hashedTar = new DigestOutputStream(gzip, diff) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            tarSize[0] += len;
          }

          @Override
          public void write(int b) throws IOException {
            super.write(b);
            tarSize[0]++;
          }
        };
        TarArchiveOutputStream tar = new TarArchiveOutputStream(hashedTar, 10240)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      content.write(tar);
      tar.finish();
    }
    return new LayerBlob(gz, LayerBlob.GZIP, Digest.of(Digest.SHA256, blob.digest()), Files.size(gz),
        Digest.of(Digest.SHA256, diff.digest()), tarSize[0]);
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    e.setMode(0100000 | mode);
    e.setModTime(Date.from(Instant.parse("2024-01-01T00:00:00Z")));
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  /** gzip at level 1: the zeros layers only need to be valid, not small. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  static Digest sha256(Path file) throws IOException {
    MessageDigest md = Digest.newMessageDigest(Digest.SHA256);
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        md.update(buf, 0, n);
      }
    }
    return Digest.of(Digest.SHA256, md.digest());
  }

  private static void put(Properties p, String key, LayerBlob b) {
    p.setProperty(key + ".blob", b.blob().toString());
    p.setProperty(key + ".mediaType", b.mediaType());
    p.setProperty(key + ".digest", b.digest().toString());
    p.setProperty(key + ".size", Long.toString(b.size()));
    p.setProperty(key + ".diffId", b.diffId().toString());
    p.setProperty(key + ".tarSize", Long.toString(b.tarSize()));
  }

  private static LayerBlob blob(Properties p, String key) {
    return new LayerBlob(Path.of(p.getProperty(key + ".blob")), p.getProperty(key + ".mediaType"),
        Digest.parse(p.getProperty(key + ".digest")), Long.parseLong(p.getProperty(key + ".size")),
        Digest.parse(p.getProperty(key + ".diffId")), Long.parseLong(p.getProperty(key + ".tarSize")));
  }

  /** One line per input, for the report. */
  String describe() {
    return String.format(Locale.ROOT, "big layer: %.1f MB tar, %.1f MB gzip, %.1f MB zstd; 4 parts of %.0f-%.0f MB;"
        + " small layer: %.1f MB tar, %.1f MB gzip; zeros: %.0f MiB and %.0f MiB",
        bigGz.tarSize() / 1e6, bigGz.size() / 1e6, bigZst.size() / 1e6,
        parts.stream().mapToLong(LayerBlob::tarSize).min().orElse(0) / 1e6,
        parts.stream().mapToLong(LayerBlob::tarSize).max().orElse(0) / 1e6,
        smallGz.tarSize() / 1e6, smallGz.size() / 1e6, zerosBig.tarSize() / 1048576.0,
        zerosSmall.tarSize() / 1048576.0);
  }
}
