package io.imagecheck.internal.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.image.ImageIndex;
import io.imagecheck.image.IndexManifest;
import io.imagecheck.image.Layer;
import io.imagecheck.image.Manifest;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.blob.BoundedReads;
import io.imagecheck.internal.blob.VerifyingInputStream;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageFormatException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads verified documents from a {@link BlobStore} and builds the api objects on them: the
 * manifests, indexes and configs are read whole (bounded by {@link ReadLimits#manifestBytes()}),
 * checked against their descriptor's digest and size, parsed once and kept; layers stay lazy.
 *
 * <p>Thread-safe.
 */
public final class ImageReader {

  private final String source;
  private final BlobStore store;
  private final ReadLimits limits;

  /**
   * Creates a reader.
   *
   * @param source the source, for messages
   * @param store the blobs
   * @param limits the read limits
   */
  public ImageReader(String source, BlobStore store, ReadLimits limits) {
    this.source = Objects.requireNonNull(source, "source");
    this.store = Objects.requireNonNull(store, "store");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * The source description.
   *
   * @return e.g. {@code oci:build/image}
   */
  public String source() {
    return source;
  }

  /**
   * The read limits.
   *
   * @return the limits
   */
  public ReadLimits limits() {
    return limits;
  }

  /**
   * The blob store.
   *
   * @return the store
   */
  public BlobStore store() {
    return store;
  }

  /**
   * Reads a small document (manifest, index, config, signature payload) whole, verified.
   *
   * @param d its descriptor
   * @param what a description for messages
   * @return the bytes
   * @throws IOException when it is missing, too large, or does not verify
   */
  public byte[] readDocument(Descriptor d, String what) throws IOException {
    return readDocument(d, what, false);
  }

  /**
   * Reads a manifest or index whole, verified (through the store's manifest endpoint).
   *
   * @param d its descriptor
   * @param what a description for messages
   * @return the bytes
   * @throws IOException when it is missing, too large, or does not verify
   */
  public byte[] readManifest(Descriptor d, String what) throws IOException {
    return readDocument(d, what, true);
  }

  private byte[] readDocument(Descriptor d, String what, boolean manifest) throws IOException {
    long max = limits.manifestBytes();
    if (d.size() > max) {
      throw new LimitExceededException(source, what + " " + d.digest() + " (" + d.size() + " bytes)",
          "manifest-bytes", max);
    }
    InputStream raw = manifest ? store.openManifest(d.digest(), d.mediaType(), d.size())
        : store.open(d.digest(), d.size());
    try (InputStream in = new VerifyingInputStream(raw, source,
        what + " " + store.describe(d.digest()), d.digest(), d.size())) {
      return BoundedReads.readAll(in, max, source, what + " " + d.digest(), "manifest-bytes");
    }
  }

  /**
   * Parses JSON with the configured depth limit.
   *
   * @param bytes the document
   * @param what a description for messages
   * @return the tree
   * @throws IOException when it is not acceptable JSON
   */
  public JsonNode parse(byte[] bytes, String what) throws IOException {
    return Json.readTree(bytes, limits.jsonDepth(), source, what);
  }

  /**
   * Reads the document a descriptor points at and tells whether it is an image or an index.
   *
   * @param d the descriptor
   * @param parent the index it was found in, if any
   * @param depth how many indexes lead here (0 for the top)
   * @return an {@link Image} or an {@link ImageIndex}
   * @throws IOException when it cannot be read or is neither
   */
  public Object read(Descriptor d, @Nullable Descriptor parent, int depth) throws IOException {
    String what = "manifest " + d.digest().shortForm();
    byte[] bytes = readManifest(d, what);
    JsonNode node = parse(bytes, what);
    ImageDocuments.Kind kind = ImageDocuments.kind(node, d.mediaType(), source, what);
    if (kind == ImageDocuments.Kind.INDEX) {
      return index(d, bytes, node, depth);
    }
    return image(d, bytes, node, parent, false);
  }

  /**
   * Reads an image.
   *
   * @param d the manifest descriptor
   * @param parent the index it was found in, if any
   * @return the image
   * @throws IOException when it cannot be read or is not an image
   */
  public Image image(Descriptor d, @Nullable Descriptor parent) throws IOException {
    Object o = read(d, parent, 0);
    if (o instanceof Image image) {
      return image;
    }
    throw new ImageFormatException(source, "manifest " + d.digest() + " is an index, not an image");
  }

  /**
   * Reads an index.
   *
   * @param d the index descriptor
   * @param depth how many indexes lead here
   * @return the index
   * @throws IOException when it cannot be read or is not an index
   */
  public ImageIndex index(Descriptor d, int depth) throws IOException {
    Object o = read(d, null, depth);
    if (o instanceof ImageIndex index) {
      return index;
    }
    throw new ImageFormatException(source, "manifest " + d.digest() + " is an image, not an index");
  }

  /**
   * Builds an index from bytes that are already in hand (an OCI layout's {@code index.json}).
   *
   * @param d a descriptor for it (its digest is computed over the bytes)
   * @param bytes the document
   * @param node the parsed document
   * @param depth how many indexes lead here
   * @return the index
   * @throws IOException when it is not a valid index or nested too deep
   */
  public ImageIndex index(Descriptor d, byte[] bytes, JsonNode node, int depth) throws IOException {
    if (depth >= limits.indexDepth()) {
      throw new LimitExceededException(source, "index " + d.digest().shortForm() + " (nested " + (depth + 1)
          + " deep)", "index-depth", limits.indexDepth());
    }
    IndexManifest m = ImageDocuments.index(node, d.mediaType(), source, "index " + d.digest().shortForm());
    if (m.manifests().size() > limits.referrers() * 10L) {
      throw new LimitExceededException(source, "index " + d.digest().shortForm() + " with " + m.manifests().size()
          + " entries", "referrers", limits.referrers());
    }
    return new StoredIndex(this, d, bytes, m, depth);
  }

  /**
   * Builds an image from manifest bytes that are already in hand (read, or synthesized by an adapter).
   *
   * @param d the manifest descriptor
   * @param bytes the manifest
   * @param node the parsed manifest
   * @param parent the index it was selected from, if any
   * @param synthesized whether the manifest was synthesized rather than read
   * @return the image, with its config read and verified
   * @throws IOException when the manifest or config is invalid
   */
  public Image image(Descriptor d, byte[] bytes, JsonNode node, @Nullable Descriptor parent, boolean synthesized)
      throws IOException {
    String what = "manifest " + d.digest().shortForm();
    Manifest m = ImageDocuments.manifest(node, d.mediaType(), source, what);
    MediaType cfgType = m.config().mediaType();
    if (!cfgType.isImageConfig()) {
      throw new ImageFormatException(source, what + " is not a container image: its config is " + cfgType
          + m.artifactType().map(t -> " (artifact type " + t + ")").orElse(""));
    }
    if (m.layers().size() > limits.layers()) {
      throw new LimitExceededException(source, what + " with " + m.layers().size() + " layers", "layers",
          limits.layers());
    }
    byte[] cfgBytes = readDocument(m.config(), "config");
    ImageConfig config = ImageDocuments.config(parse(cfgBytes, "config " + m.config().digest().shortForm()), source,
        "config " + m.config().digest().shortForm());
    List<Digest> diffIds = config.diffIds();
    List<Descriptor> layerDescs = m.layers();
    if (diffIds.size() != layerDescs.size()) {
      throw new ImageFormatException(source, what + " lists " + layerDescs.size() + " layers but its config lists "
          + diffIds.size() + " diff_ids");
    }
    List<Layer> layers = new ArrayList<>(layerDescs.size());
    for (int i = 0; i < layerDescs.size(); i++) {
      Descriptor ld = layerDescs.get(i);
      if (!ld.mediaType().isLayer()) {
        throw new ImageFormatException(source, what + " layer " + (i + 1) + " has media type " + ld.mediaType()
            + ", which is not a filesystem layer");
      }
      layers.add(new StoredLayer(source, store, ld, diffIds.get(i), i, layerDescs.size()));
    }
    return new StoredImage(source, d, Optional.ofNullable(parent), bytes, m, cfgBytes, config, layers, synthesized);
  }
}
