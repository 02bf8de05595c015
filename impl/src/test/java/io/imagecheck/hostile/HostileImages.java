package io.imagecheck.hostile;

import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Builders and checks for hostile-input tests: OCI layouts written blob by blob (so a layer blob, a
 * document or a digest can be anything), tar blocks, gzip, and the "nothing written, no thread left"
 * checks.
 */
public final class HostileImages {

  private HostileImages() {}

  /** A layer blob with the diff_id its config declares. */
  public record LayerBlob(byte[] blob, Digest diffId, MediaType mediaType) {

    /**
     * An uncompressed layer: its diff_id is its digest.
     *
     * @param tar the tar bytes
     * @return the blob
     */
    public static LayerBlob tar(byte[] tar) {
      return new LayerBlob(tar, Digest.sha256(tar), MediaType.OCI_LAYER);
    }

    /**
     * A gzip layer of a tar.
     *
     * @param tar the tar bytes
     * @return the blob
     */
    public static LayerBlob gzip(byte[] tar) {
      return new LayerBlob(HostileImages.gzip(tar), Digest.sha256(tar), MediaType.OCI_LAYER_GZIP);
    }
  }

  /**
   * Writes an OCI layout with one image of the given layers; the index entry is named {@code latest}.
   *
   * @param dir the layout directory
   * @param layers the layer blobs
   * @return the manifest's digest
   * @throws IOException when writing fails
   */
  public static Digest layout(Path dir, List<LayerBlob> layers) throws IOException {
    StringBuilder diffIds = new StringBuilder();
    StringBuilder descs = new StringBuilder();
    for (LayerBlob l : layers) {
      diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(l.diffId()).append('"');
      descs.append(descs.length() == 0 ? "" : ",").append(descriptor(l.mediaType().value(), blob(dir, l.blob()),
          l.blob().length));
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
        + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\",\"config\":"
        + descriptor(MediaType.OCI_CONFIG.value(), blob(dir, config), config.length) + ",\"layers\":[" + descs + "]}";
    return document(dir, manifest, MediaType.OCI_MANIFEST.value());
  }

  /**
   * Stores a document as a blob and names it in {@code index.json} as {@code latest}.
   *
   * @param dir the layout directory
   * @param json the document
   * @param mediaType the media type of the index entry
   * @return its digest
   * @throws IOException when writing fails
   */
  public static Digest document(Path dir, String json, String mediaType) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    Digest d = blob(dir, b);
    index(dir, "{\"schemaVersion\":2,\"manifests\":[" + descriptor(mediaType, d, b.length, "latest") + "]}");
    return d;
  }

  /**
   * Writes {@code oci-layout} and {@code index.json} as given.
   *
   * @param dir the layout directory
   * @param indexJson the index
   * @throws IOException when writing fails
   */
  public static void index(Path dir, String indexJson) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(dir.resolve("index.json"), indexJson);
  }

  /**
   * Stores a blob under its sha256.
   *
   * @param dir the layout directory
   * @param bytes the blob
   * @return its digest
   * @throws IOException when writing fails
   */
  public static Digest blob(Path dir, byte[] bytes) throws IOException {
    Digest d = Digest.sha256(bytes);
    Path f = dir.resolve("blobs/sha256").resolve(d.hex());
    Files.createDirectories(f.getParent());
    Files.write(f, bytes);
    return d;
  }

  /**
   * A descriptor's JSON.
   *
   * @param mediaType the media type
   * @param digest the digest
   * @param size the size
   * @return the JSON object
   */
  public static String descriptor(String mediaType, Digest digest, long size) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
  }

  /**
   * A descriptor's JSON with a ref name.
   *
   * @param mediaType the media type
   * @param digest the digest
   * @param size the size
   * @param refName the {@code org.opencontainers.image.ref.name}
   * @return the JSON object
   */
  public static String descriptor(String mediaType, Digest digest, long size, String refName) {
    return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size
        + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + refName + "\"}}";
  }

  /**
   * gzip-compresses bytes.
   *
   * @param bytes the bytes
   * @return the gzip stream
   */
  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A ustar header block, written by hand: name, type flag, size field as given (octal), checksum right.
   *
   * @param name the name
   * @param type the type flag
   * @param size the size field
   * @return 512 bytes
   */
  public static byte[] header(String name, char type, long size) {
    byte[] h = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
    put(h, 100, "0000644\0");
    put(h, 108, "0000000\0");
    put(h, 116, "0000000\0");
    put(h, 124, String.format(java.util.Locale.ROOT, "%011o\0", size));
    put(h, 136, "14707315000\0");
    h[156] = (byte) type;
    put(h, 257, "ustar\0");
    put(h, 263, "00");
    put(h, 148, "        ");
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format(java.util.Locale.ROOT, "%06o\0 ", sum));
    return h;
  }

  /**
   * A raw tar entry: its header and its data padded to whole 512-byte blocks.
   *
   * @param name the name in the header
   * @param type the type flag ({@code 'x'} PAX, {@code 'L'} GNU long name, {@code '0'} regular file...)
   * @param data the data
   * @return the bytes
   */
  public static byte[] tarEntry(String name, char type, byte[] data) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.writeBytes(header(name, type, data.length));
    b.writeBytes(data);
    b.writeBytes(new byte[(512 - data.length % 512) % 512]);
    return b.toByteArray();
  }

  /**
   * One PAX record, {@code LENGTH key=value\n}, whose length counts itself.
   *
   * @param key the keyword
   * @param value the value
   * @return the record
   */
  public static String paxRecord(String key, String value) {
    int body = key.length() + value.getBytes(StandardCharsets.UTF_8).length + 3;
    int len = body + String.valueOf(body).length();
    if (String.valueOf(len).length() != String.valueOf(body).length()) {
      len++;
    }
    return len + " " + key + "=" + value + "\n";
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }

  /**
   * The files and directories under a directory (empty when it does not exist), for before/after checks.
   *
   * @param dir the directory
   * @return relative paths
   * @throws IOException when listing fails
   */
  public static Set<String> snapshot(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
    } catch (java.io.UncheckedIOException e) {
      // a file vanished while walking (another test's temporary file): take the listing again
      return snapshot(dir);
    }
  }

  /**
   * The temporary files imagecheck could have left in the JVM's temporary directory (the library creates
   * none: this proves it stays so).
   *
   * @return names starting with {@code imagecheck}
   * @throws IOException when listing fails
   */
  public static Set<String> imagecheckTempFiles() throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("imagecheck"))
          // other builds on this machine (benchmarks, JMH, tests) write their own imagecheck-*-test/-bench/-jmh files
          .filter(n -> !n.contains("bench") && !n.contains("test") && !n.contains("jmh")).collect(
          Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  /**
   * Waits up to 10 s for every thread whose name starts with {@code imagecheck-} to end, then returns
   * those still alive.
   *
   * @return the names of imagecheck threads still running
   * @throws InterruptedException when interrupted while waiting
   */
  public static List<String> imagecheckThreads() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> alive;
    do {
      alive = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("imagecheck-") && t.isAlive()) {
          alive.add(t.getName());
        }
      }
      if (alive.isEmpty()) {
        return alive;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return alive;
  }

  /**
   * Reads a stream to its end.
   *
   * @param in the stream
   * @return the bytes
   * @throws IOException when reading fails
   */
  public static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

}
