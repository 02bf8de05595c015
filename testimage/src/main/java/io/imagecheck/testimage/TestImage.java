package io.imagecheck.testimage;

import io.imagecheck.image.Compression;
import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.HistoryEntry;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A synthetic single-platform container image, built in memory and written in the formats image
 * tools read: an OCI layout directory, an OCI archive, a legacy {@code docker save} archive and a
 * containers/image {@code dir:} directory.
 *
 * <pre>{@code
 * TestImage image = TestImage.builder()
 *     .platform(Platform.parse("linux/amd64"))
 *     .config(c -> c.user("65532:65532").entrypoint(List.of("/app")).addEnv("PATH", "/bin"))
 *     .layer("RUN apk add busybox", l -> l
 *         .directory("/bin")
 *         .file("/bin/busybox", bytes, 0755)
 *         .symlink("/bin/sh", "busybox"))
 *     .emptyLayerStep("USER 65532")
 *     .build();
 * image.writeOciLayout(dir, "latest");            // read it back as oci:dir:latest
 * Digest expected = image.manifestDigest();        // what a reader must report
 * }</pre>
 *
 * <p><b>Deterministic:</b> the same builder input gives byte-identical blobs, manifests and archives
 * (fixed times, fixed JSON member order, gzip without a timestamp) on the same JDK, so tests can
 * compare digests across runs. The config's {@code created} time and every history entry's time is
 * {@link #DEFAULT_CREATED} unless the config sets one.
 *
 * <p><b>Config and history:</b> the config is an {@link ImageConfig} built from
 * {@link Builder#platform(Platform)} (os, architecture, variant) and then the
 * {@link Builder#config(Consumer)} calls, so a test can make the config disagree with the platform.
 * Its {@code history} (one entry per layer with its {@code created_by}, and the
 * {@link Builder#emptyLayerStep(String)} entries, in the order they were added) and its
 * {@code rootfs.diff_ids} are always computed here, replacing anything the config calls set.
 *
 * <p><b>Negative tests:</b> {@link Builder#tamper(Tamper, int)} and
 * {@link Builder#manifestMediaType(MediaType)} make images that a verifying reader must reject. The
 * accessors then describe the image as written: {@link #config()} holds the tampered diff_ids,
 * {@link #layerDescriptors()} the tampered sizes, {@link #layerBlob(int)} the tampered bytes, while
 * {@link #diffIds()} and {@link #layerDigests()} are the true digests of what the manifest promised.
 *
 * <p>Instances are immutable and thread-safe. Everything is held in memory: keep test images small.
 */
public final class TestImage {

  /** The creation time of the config and its history entries unless the config sets one. */
  public static final Instant DEFAULT_CREATED = FileSpec.DEFAULT_MODIFIED;

  /** The content of a {@code dir:} directory's {@code version} file. */
  static final String DIR_VERSION = "Directory Transport Version: 1.1\n";

  private final Platform platform;
  private final ManifestFormat format;
  private final List<BuiltLayer> layers;
  private final ImageConfig config;
  private final byte[] rawConfig;
  private final Descriptor configDescriptor;
  private final byte[] rawManifest;
  private final Descriptor descriptor;

  /** A layer as written: its content, its blob as stored, its descriptor and its config diff_id. */
  record BuiltLayer(TestLayer layer, String createdBy, Compression compression, byte[] storedBlob,
      Digest blobDigest, Descriptor descriptor, Digest configDiffId, byte[] dockerLayerTar) {}

  private TestImage(Builder b) {
    this.platform = b.platform;
    this.format = b.format;
    MediaType manifestType = b.manifestMediaType != null ? b.manifestMediaType
        : format == ManifestFormat.OCI ? MediaType.OCI_MANIFEST : MediaType.DOCKER_MANIFEST;

    int layerCount = (int) b.steps.stream().filter(s -> s.layer != null).count();
    for (int index : b.tampers.values().stream().flatMap(List::stream).toList()) {
      if (index < 0 || index >= layerCount) {
        throw new IllegalStateException("tampered layer " + index + " does not exist: the image has " + layerCount
            + " layers");
      }
    }

    // Config first (everything but history and diff_ids), to learn the creation time.
    ImageConfig.Builder cb = ImageConfig.builder()
        .os(platform.os())
        .architecture(platform.architecture())
        .variant(platform.variant().orElse(null))
        .osVersion(platform.osVersion().orElse(null));
    b.configChanges.forEach(change -> change.accept(cb));
    ImageConfig base = cb.build();
    Instant created = base.created().orElse(DEFAULT_CREATED);

    List<BuiltLayer> built = new ArrayList<>();
    List<HistoryEntry> history = new ArrayList<>();
    for (Step step : b.steps) {
      history.add(new HistoryEntry(Optional.of(created), step.createdBy, "", "", step.layer == null));
      if (step.layer != null) {
        built.add(buildLayer(built.size(), step.layer, step.createdBy, b));
      }
    }
    this.layers = List.copyOf(built);
    this.config = base.toBuilder()
        .created(created)
        .history(history)
        .diffIds(built.stream().map(BuiltLayer::configDiffId).toList())
        .build();
    this.rawConfig = Documents.config(config).toBytes();
    this.configDescriptor = Descriptor.of(
        format == ManifestFormat.OCI ? MediaType.OCI_CONFIG : MediaType.DOCKER_CONFIG,
        Digest.sha256(rawConfig), rawConfig.length);
    this.rawManifest = Documents.manifest(manifestType, configDescriptor,
        built.stream().map(BuiltLayer::descriptor).toList()).toBytes();
    this.descriptor = new Descriptor(manifestType, Digest.sha256(rawManifest), rawManifest.length, Map.of(),
        Optional.of(platform), Optional.empty(), List.of());
  }

  private BuiltLayer buildLayer(int index, TestLayer layer, String createdBy, Builder b) {
    Compression compression = layer.compression().orElse(b.compression);
    if (format == ManifestFormat.DOCKER && compression == Compression.ZSTD) {
      throw new IllegalStateException("layer " + index + " (" + createdBy
          + "): Docker schema 2 manifests have no zstd layer type; use ManifestFormat.OCI or another compression");
    }
    byte[] blob = Compressors.compress(compression, layer.tarBytes());
    Digest digest = Digest.sha256(blob);
    long size = blob.length + (b.tampered(Tamper.LAYER_SIZE, index) ? 1 : 0);
    Descriptor d = Descriptor.of(mediaType(compression), digest, size);
    Digest diffId = layer.diffId();
    Digest configDiffId = b.tampered(Tamper.DIFF_ID, index) ? otherDigest(diffId) : diffId;
    byte[] stored = blob;
    byte[] dockerTar = layer.tarBytes();
    if (b.tampered(Tamper.LAYER_BYTES, index)) {
      stored = blob.clone();
      if (compression == Compression.GZIP) {
        // Byte 4 is the low byte of the gzip header's MTIME: changing it leaves the member valid.
        stored[4] ^= 1;
      } else {
        stored = flipLast(stored);
      }
      dockerTar = flipLast(dockerTar);
    }
    return new BuiltLayer(layer, createdBy, compression, stored, digest, d, configDiffId, dockerTar);
  }

  private MediaType mediaType(Compression compression) {
    if (format == ManifestFormat.OCI) {
      return switch (compression) {
        case GZIP -> MediaType.OCI_LAYER_GZIP;
        case ZSTD -> MediaType.OCI_LAYER_ZSTD;
        default -> MediaType.OCI_LAYER;
      };
    }
    return compression == Compression.GZIP ? MediaType.DOCKER_LAYER_GZIP : MediaType.DOCKER_LAYER;
  }

  private static byte[] flipLast(byte[] bytes) {
    if (bytes.length == 0) {
      return new byte[] {1};
    }
    byte[] copy = bytes.clone();
    copy[copy.length - 1] ^= 1;
    return copy;
  }

  private static Digest otherDigest(Digest d) {
    char last = d.hex().charAt(d.hex().length() - 1);
    char other = last == '0' ? '1' : '0';
    return new Digest(d.algorithm(), d.hex().substring(0, d.hex().length() - 1) + other);
  }

  /**
   * Starts an image for {@code linux/amd64} with no layers, gzip layers and an OCI manifest.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The platform given to the builder (used for index entries).
   *
   * @return the platform
   */
  public Platform platform() {
    return platform;
  }

  /**
   * The manifest format.
   *
   * @return OCI or Docker schema 2
   */
  public ManifestFormat manifestFormat() {
    return format;
  }

  /**
   * The config as written (with tampered diff_ids, if any).
   *
   * @return the config
   */
  public ImageConfig config() {
    return config;
  }

  /**
   * The config blob.
   *
   * @return a copy of the config JSON bytes
   */
  public byte[] rawConfig() {
    return rawConfig.clone();
  }

  /**
   * The digest of the config blob (in a docker-archive, the image ID).
   *
   * @return the config digest
   */
  public Digest configDigest() {
    return configDescriptor.digest();
  }

  /**
   * The manifest.
   *
   * @return a copy of the manifest JSON bytes
   */
  public byte[] rawManifest() {
    return rawManifest.clone();
  }

  /**
   * The digest of the manifest (OCI layout, OCI archive and {@code dir:}; a docker-archive has none).
   *
   * @return the manifest digest
   */
  public Digest manifestDigest() {
    return descriptor.digest();
  }

  /**
   * The descriptor of the manifest, with this image's platform, as an index lists it.
   *
   * @return the manifest descriptor
   */
  public Descriptor descriptor() {
    return descriptor;
  }

  /**
   * The number of layers (empty-layer steps excluded).
   *
   * @return the layer count
   */
  public int layerCount() {
    return layers.size();
  }

  /**
   * The true diff_ids: the sha256 of each uncompressed layer, base layer first.
   *
   * @return the diff_ids
   */
  public List<Digest> diffIds() {
    return layers.stream().map(l -> l.layer().diffId()).toList();
  }

  /**
   * The digests of the layer blobs as the manifest lists them, base layer first.
   *
   * @return the blob digests
   */
  public List<Digest> layerDigests() {
    return layers.stream().map(BuiltLayer::blobDigest).toList();
  }

  /**
   * The layer descriptors as the manifest lists them (media type, digest, size).
   *
   * @return the descriptors, base layer first
   */
  public List<Descriptor> layerDescriptors() {
    return layers.stream().map(BuiltLayer::descriptor).toList();
  }

  /**
   * The layers as given to the builder.
   *
   * @return the layers, base layer first
   */
  public List<TestLayer> layers() {
    return layers.stream().map(BuiltLayer::layer).toList();
  }

  /**
   * A layer's uncompressed tar stream.
   *
   * @param index 0 for the base layer
   * @return a copy of the tar bytes
   * @throws IndexOutOfBoundsException when there is no such layer
   */
  public byte[] layerTar(int index) {
    return layers.get(index).layer().tar();
  }

  /**
   * A layer's blob as stored in OCI layouts, OCI archives and {@code dir:} directories (tampered,
   * if so asked).
   *
   * @param index 0 for the base layer
   * @return a copy of the blob bytes
   * @throws IndexOutOfBoundsException when there is no such layer
   */
  public byte[] layerBlob(int index) {
    return layers.get(index).storedBlob().clone();
  }

  /**
   * Writes an OCI image layout directory (created if needed): {@code oci-layout}, {@code index.json}
   * with one entry annotated {@code org.opencontainers.image.ref.name=<refName>}, and
   * {@code blobs/sha256/<hex>}. Read it as {@code oci:<dir>:<refName>}. An existing
   * {@code index.json} is replaced.
   *
   * @param dir the layout directory
   * @param refName the reference name, e.g. {@code latest}
   * @throws IOException when writing fails
   */
  public void writeOciLayout(Path dir, String refName) throws IOException {
    OciLayouts.writeDirectory(dir, OciLayouts.indexJson(descriptor, refName), blobs());
  }

  /**
   * Writes an OCI image layout as a tar file (replaced if it exists), read as
   * {@code oci-archive:<file>:<refName>}.
   *
   * @param tarFile the archive
   * @param refName the reference name, e.g. {@code latest}
   * @throws IOException when writing fails
   */
  public void writeOciArchive(Path tarFile, String refName) throws IOException {
    OciLayouts.writeArchive(tarFile, OciLayouts.indexJson(descriptor, refName), blobs());
  }

  /**
   * Writes a legacy {@code docker save} archive (replaced if it exists), read as
   * {@code docker-archive:<file>}: {@code manifest.json}, {@code repositories}, the config as
   * {@code <config hex>.json} and per layer {@code <id>/VERSION}, {@code <id>/json} and
   * {@code <id>/layer.tar}. Layers are stored uncompressed, as {@code docker save} does, whatever
   * their compression in the manifest.
   *
   * @param tarFile the archive
   * @param repoTag the repository and tag, e.g. {@code example.com/app:1.0} ({@code :latest} is
   *     added when there is no tag)
   * @throws IOException when writing fails
   */
  public void writeDockerArchive(Path tarFile, String repoTag) throws IOException {
    DockerArchives.write(this, tarFile, repoTag);
  }

  /**
   * Writes a containers/image {@code dir:} directory (created if needed): {@code manifest.json},
   * {@code version} and every blob as a file named by its hex digest.
   *
   * @param dir the directory
   * @throws IOException when writing fails
   */
  public void writeDir(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<Digest, byte[]> blob : blobs().entrySet()) {
      if (!blob.getKey().equals(descriptor.digest())) {
        Files.write(dir.resolve(blob.getKey().hex()), blob.getValue());
      }
    }
    Files.write(dir.resolve("manifest.json"), rawManifest);
    Files.write(dir.resolve("version"), DIR_VERSION.getBytes(StandardCharsets.US_ASCII));
  }

  /** The built layers, for this package's writers. */
  List<BuiltLayer> builtLayers() {
    return layers;
  }

  /** The config bytes without a copy, for this package's writers. */
  byte[] configBytes() {
    return rawConfig;
  }

  /**
   * Every blob of this image, by digest: the manifest, the config and the layers as stored.
   *
   * @return a new sorted map
   */
  SortedMap<Digest, byte[]> blobs() {
    SortedMap<Digest, byte[]> blobs = new TreeMap<>();
    blobs.put(descriptor.digest(), rawManifest);
    blobs.put(configDescriptor.digest(), rawConfig);
    for (BuiltLayer l : layers) {
      blobs.put(l.blobDigest(), l.storedBlob());
    }
    return blobs;
  }

  /** One build step: a layer, or an empty-layer history entry. */
  private record Step(String createdBy, @Nullable TestLayer layer) {}

  /**
   * A mutable builder for a {@link TestImage}; not thread-safe. The defaults are {@code linux/amd64},
   * gzip layers, an OCI manifest, and an empty config apart from the platform.
   */
  public static final class Builder {
    private Platform platform = Platform.of("linux", "amd64");
    private final List<Consumer<ImageConfig.Builder>> configChanges = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private Compression compression = Compression.GZIP;
    private ManifestFormat format = ManifestFormat.OCI;
    private @Nullable MediaType manifestMediaType;
    private final Map<Tamper, List<Integer>> tampers = new EnumMap<>(Tamper.class);

    private Builder() {}

    /**
     * Sets the platform; it fills the config's os, architecture, variant and OS version, and the
     * index entry of the image.
     *
     * @param value e.g. {@code Platform.parse("linux/arm64/v8")}
     * @return this builder
     */
    public Builder platform(Platform value) {
      platform = Objects.requireNonNull(value, "platform");
      return this;
    }

    /**
     * Changes the config: user, environment, entrypoint, command, working directory, labels, exposed
     * ports, volumes, health check, stop signal, creation time ... Calls accumulate, in order. History
     * and diff_ids set here are replaced (see the class comment).
     *
     * @param change a function that changes the config builder
     * @return this builder
     */
    public Builder config(Consumer<ImageConfig.Builder> change) {
      configChanges.add(Objects.requireNonNull(change, "change"));
      return this;
    }

    /**
     * Adds a layer, built by {@code content}, and its history entry.
     *
     * @param createdBy the history entry's {@code created_by}, e.g. {@code RUN apk add busybox}
     * @param content a function that adds the layer's entries
     * @return this builder
     */
    public Builder layer(String createdBy, Consumer<TestLayer.Builder> content) {
      TestLayer.Builder lb = TestLayer.builder();
      content.accept(lb);
      return layer(createdBy, lb.build());
    }

    /**
     * Adds a prebuilt layer and its history entry.
     *
     * @param createdBy the history entry's {@code created_by}
     * @param layer the layer
     * @return this builder
     */
    public Builder layer(String createdBy, TestLayer layer) {
      steps.add(new Step(Objects.requireNonNull(createdBy, "createdBy"), Objects.requireNonNull(layer, "layer")));
      return this;
    }

    /**
     * Adds a history entry with {@code empty_layer: true}, for a step that made no layer.
     *
     * @param createdBy the history entry's {@code created_by}, e.g. {@code ENV A=b}
     * @return this builder
     */
    public Builder emptyLayerStep(String createdBy) {
      steps.add(new Step(Objects.requireNonNull(createdBy, "createdBy"), null));
      return this;
    }

    /**
     * Sets the compression of layers that do not choose their own
     * ({@link TestLayer.Builder#compression(Compression)}). The default is gzip.
     * {@link Compression#ZSTD} writes a valid Zstandard frame (RFC 8878) of raw, uncompressed
     * blocks: correct framing, no actual compression, no dependency.
     *
     * @param value {@link Compression#NONE}, {@link Compression#GZIP} or {@link Compression#ZSTD}
     * @return this builder
     * @throws IllegalArgumentException for {@link Compression#UNKNOWN}
     */
    public Builder layerCompression(Compression value) {
      compression = TestLayer.checkCompression(value);
      return this;
    }

    /**
     * Sets the manifest format (OCI by default).
     *
     * @param value the format
     * @return this builder
     */
    public Builder manifestFormat(ManifestFormat value) {
      format = Objects.requireNonNull(value, "format");
      return this;
    }

    /**
     * Test-only knob: writes this media type into the manifest's {@code mediaType} field and into
     * the descriptors that reference the manifest, instead of the one the format implies.
     *
     * @param value e.g. {@code MediaType.of("application/vnd.docker.distribution.manifest.v1+json")}
     * @return this builder
     */
    public Builder manifestMediaType(MediaType value) {
      manifestMediaType = Objects.requireNonNull(value, "mediaType");
      return this;
    }

    /**
     * Test-only knob: tampers with the base layer (layer 0).
     *
     * @param kind what to get wrong
     * @return this builder
     */
    public Builder tamper(Tamper kind) {
      return tamper(kind, 0);
    }

    /**
     * Test-only knob: tampers with one layer; see {@link Tamper} for what each kind does.
     *
     * @param kind what to get wrong
     * @param layerIndex the layer, 0 for the base layer (checked when the image is built)
     * @return this builder
     */
    public Builder tamper(Tamper kind, int layerIndex) {
      tampers.computeIfAbsent(Objects.requireNonNull(kind, "kind"), k -> new ArrayList<>()).add(layerIndex);
      return this;
    }

    private boolean tampered(Tamper kind, int layerIndex) {
      return tampers.getOrDefault(kind, List.of()).contains(layerIndex);
    }

    /**
     * Builds the image: writes the layers' blobs, the config and the manifest.
     *
     * @return the image
     * @throws IllegalStateException when a tampered layer does not exist, or a Docker manifest would
     *     need a zstd layer
     */
    public TestImage build() {
      return new TestImage(this);
    }
  }
}
