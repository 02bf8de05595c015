package io.imagecheck.internal.image;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.image.Layer;
import io.imagecheck.image.Manifest;
import io.imagecheck.image.Platform;
import java.util.List;
import java.util.Optional;

/**
 * An image whose manifest and config were read and verified; layers are read when opened.
 *
 * <p>Immutable and thread-safe.
 */
final class StoredImage implements Image {

  private final String source;
  private final Descriptor descriptor;
  private final Optional<Descriptor> parent;
  private final byte[] rawManifest;
  private final Manifest manifest;
  private final byte[] rawConfig;
  private final ImageConfig config;
  private final List<Layer> layers;
  private final boolean synthesized;

  StoredImage(String source, Descriptor descriptor, Optional<Descriptor> parent, byte[] rawManifest, Manifest manifest,
      byte[] rawConfig, ImageConfig config, List<Layer> layers, boolean synthesized) {
    this.source = source;
    this.descriptor = descriptor;
    this.parent = parent;
    this.rawManifest = rawManifest.clone();
    this.manifest = manifest;
    this.rawConfig = rawConfig.clone();
    this.config = config;
    this.layers = List.copyOf(layers);
    this.synthesized = synthesized;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Descriptor descriptor() {
    return descriptor;
  }

  @Override
  public boolean manifestSynthesized() {
    return synthesized;
  }

  @Override
  public Optional<Descriptor> parentIndex() {
    return parent;
  }

  @Override
  public Manifest manifest() {
    return manifest;
  }

  @Override
  public byte[] rawManifest() {
    return rawManifest.clone();
  }

  @Override
  public ImageConfig config() {
    return config;
  }

  @Override
  public byte[] rawConfig() {
    return rawConfig.clone();
  }

  @Override
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public Optional<Platform> platform() {
    Optional<Platform> p = config.platform();
    return p.isPresent() ? p : descriptor.platform();
  }

  @Override
  public String toString() {
    return source + "@" + descriptor.digest();
  }
}
