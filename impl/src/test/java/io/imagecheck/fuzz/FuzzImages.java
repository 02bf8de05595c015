package io.imagecheck.fuzz;

import io.imagecheck.fs.Capture;
import io.imagecheck.fs.ContentNeeds;
import io.imagecheck.fs.ContentVisitor;
import io.imagecheck.fs.FileEntry;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.image.BlobStore;
import io.imagecheck.internal.image.ImageReader;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ReadLimits;
import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.filesystems.ViewOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Helpers shared by the fuzz tests: an in-memory blob store, a one-layer image over it, and a view walk. */
final class FuzzImages {

  /** Small limits, so that a fuzzer input passes them quickly instead of running long. */
  static final ReadLimits LIMITS = ReadLimits.defaults()
      .with("layer-bytes", 64L << 20).with("image-bytes", 128L << 20).with("entries-per-layer", 20_000)
      .with("capture-bytes", 8L << 20);

  private FuzzImages() {}

  /**
   * When fuzzing (not when replaying seeds in the normal build), silences the library's log: a warning per
   * input would slow the fuzzer down and fill the build log. Called from each fuzz test's static initializer.
   */
  static void quietWhenFuzzing() {
    if (System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty()) {
      java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
      for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
        h.setLevel(java.util.logging.Level.OFF);
      }
    }
  }

  /** Blobs held in memory, by digest. */
  static final class MemoryStore implements BlobStore {
    private final Map<Digest, byte[]> blobs = new ConcurrentHashMap<>();

    Descriptor put(MediaType type, byte[] bytes) {
      Digest d = Digest.sha256(bytes);
      blobs.put(d, bytes);
      return Descriptor.of(type, d, bytes.length);
    }

    @Override
    public InputStream open(Digest digest, long size) throws IOException {
      byte[] b = blobs.get(digest);
      if (b == null) {
        throw new ImageNotFoundException("fuzz", "no blob " + digest, List.of());
      }
      return new ByteArrayInputStream(b);
    }

    @Override
    public String describe(Digest digest) {
      return "blob " + digest.shortForm();
    }

    @Override
    public void close() {
      blobs.clear();
    }
  }

  /**
   * An image with one layer whose blob is {@code blob} and whose diff_id is {@code diffId}.
   *
   * @param blob the layer blob (a tar, or compressed)
   * @param diffId the diff_id to declare
   * @param layerType the layer media type
   * @return the image
   * @throws IOException when the reader rejects it
   */
  static Image oneLayerImage(byte[] blob, Digest diffId, MediaType layerType) throws IOException {
    MemoryStore store = new MemoryStore();
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + diffId + "\"]},\"history\":[{\"created_by\":\"fuzz\"}]}";
    Descriptor cfg = store.put(MediaType.OCI_CONFIG, config.getBytes(StandardCharsets.UTF_8));
    Descriptor layer = store.put(layerType, blob);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST.value() + "\",\"config\":"
        + descriptorJson(cfg) + ",\"layers\":[" + descriptorJson(layer) + "]}";
    byte[] mb = manifest.getBytes(StandardCharsets.UTF_8);
    Descriptor top = store.put(MediaType.OCI_MANIFEST, mb);
    ImageReader reader = new ImageReader("fuzz", store, LIMITS);
    return reader.image(top, mb, Json.mapper().readTree(mb), null, false);
  }

  static String descriptorJson(Descriptor d) {
    return "{\"mediaType\":\"" + d.mediaType().value() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size()
        + "}";
  }

  /** A visitor that reads everything it is given (so content streams are exercised). */
  static final ContentVisitor<Long> READ_ALL = new ContentVisitor<>() {
    @Override
    public String name() {
      return "fuzz-read-all";
    }

    @Override
    public boolean accepts(FileEntry entry) {
      return true;
    }

    @Override
    public @Nullable Long visit(FileEntry entry, InputStream content) throws IOException {
      return content.transferTo(java.io.OutputStream.nullOutputStream());
    }
  };

  /** Content needs that touch every path through the layer scanner: captures, a visitor, digests. */
  static final ContentNeeds NEEDS = new ContentNeeds(List.of(Capture.of("/etc/passwd"), Capture.of("/etc/os-release")),
      List.of(READ_ALL), true);

  /**
   * Builds the view with content needs and exercises its queries (list, resolve, open) on every path.
   *
   * @param image the image
   * @return the number of entries
   * @throws IOException when the view cannot be built or a file cannot be opened (typed)
   */
  static int walk(Image image) throws IOException {
    FileSystemView fs = FileSystemViews.read(image, NEEDS, new ViewOptions(LIMITS, 2));
    int n = 0;
    for (FileEntry e : fs.entries()) {
      fs.resolve(e.path());
      if (e.isDirectory()) {
        fs.list(e.path());
      }
      if (n++ < 4 && (e.isRegularFile() || e.isHardlink())) {
        try (InputStream in = fs.open(e.path())) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
    }
    fs.capturedPaths().forEach(fs::captured);
    fs.visits(READ_ALL);
    return n;
  }
}
