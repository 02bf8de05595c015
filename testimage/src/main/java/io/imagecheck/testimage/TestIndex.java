package io.imagecheck.testimage;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A synthetic multi-platform image: an OCI image index listing {@link TestImage}s, each entry with
 * its image's platform.
 *
 * <pre>{@code
 * TestIndex index = TestIndex.builder()
 *     .add(TestImage.builder().platform(Platform.parse("linux/amd64")).build())
 *     .add(TestImage.builder().platform(Platform.parse("linux/arm64/v8")).build())
 *     .build();
 * index.writeOciLayout(dir, "latest");   // oci:dir:latest names the index
 * }</pre>
 *
 * <p>Deterministic like {@link TestImage}. Instances are immutable and thread-safe.
 */
public final class TestIndex {

  private final List<TestImage> images;
  private final byte[] rawIndex;
  private final Descriptor descriptor;

  private TestIndex(List<TestImage> images) {
    this.images = List.copyOf(images);
    this.rawIndex = Documents.index(this.images.stream().map(TestImage::descriptor).toList()).toBytes();
    this.descriptor = new Descriptor(MediaType.OCI_INDEX, Digest.sha256(rawIndex), rawIndex.length, Map.of(),
        Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * Starts an empty index.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The images, in index order.
   *
   * @return the images
   */
  public List<TestImage> images() {
    return images;
  }

  /**
   * The index document.
   *
   * @return a copy of the index JSON bytes
   */
  public byte[] rawIndex() {
    return rawIndex.clone();
  }

  /**
   * The digest of the index document.
   *
   * @return the digest
   */
  public Digest indexDigest() {
    return descriptor.digest();
  }

  /**
   * The descriptor of the index document.
   *
   * @return the descriptor
   */
  public Descriptor descriptor() {
    return descriptor;
  }

  /**
   * Writes an OCI image layout whose {@code index.json} names this index with the reference name;
   * the index and every image's blobs are in {@code blobs/sha256/}.
   *
   * @param dir the layout directory (created if needed)
   * @param refName the reference name, e.g. {@code latest}
   * @throws IOException when writing fails
   */
  public void writeOciLayout(Path dir, String refName) throws IOException {
    OciLayouts.writeDirectory(dir, OciLayouts.indexJson(descriptor, refName), blobs());
  }

  /**
   * Writes the OCI image layout of {@link #writeOciLayout(Path, String)} as a tar file.
   *
   * @param tarFile the archive (replaced if it exists)
   * @param refName the reference name, e.g. {@code latest}
   * @throws IOException when writing fails
   */
  public void writeOciArchive(Path tarFile, String refName) throws IOException {
    OciLayouts.writeArchive(tarFile, OciLayouts.indexJson(descriptor, refName), blobs());
  }

  private SortedMap<Digest, byte[]> blobs() {
    SortedMap<Digest, byte[]> blobs = new TreeMap<>();
    for (TestImage image : images) {
      blobs.putAll(image.blobs());
    }
    blobs.put(descriptor.digest(), rawIndex);
    return blobs;
  }

  /** A mutable builder for a {@link TestIndex}; not thread-safe. */
  public static final class Builder {
    private final List<TestImage> images = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an image entry.
     *
     * @param image the image (its platform goes into the entry)
     * @return this builder
     */
    public Builder add(TestImage image) {
      images.add(Objects.requireNonNull(image, "image"));
      return this;
    }

    /**
     * Builds the index.
     *
     * @return the index
     */
    public TestIndex build() {
      return new TestIndex(images);
    }
  }
}
