package io.imagecheck.testing;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageConfig;
import io.imagecheck.image.Layer;
import io.imagecheck.image.Manifest;
import io.imagecheck.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * An image that counts how often each layer is opened ({@link Layer#openCompressed()} and
 * {@link Layer#openUncompressed()} alike: either is a read of the layer's blob), delegating everything
 * to the wrapped image.
 */
public final class CountingImage implements Image {

  private final Image image;
  private final List<Layer> layers;
  private final AtomicIntegerArray opens;

  /**
   * Wraps an image.
   *
   * @param image the image
   */
  public CountingImage(Image image) {
    this.image = image;
    this.opens = new AtomicIntegerArray(image.layers().size());
    List<Layer> ls = new ArrayList<>();
    for (Layer l : image.layers()) {
      ls.add(new CountingLayer(l));
    }
    this.layers = List.copyOf(ls);
  }

  /**
   * How often each layer was opened, in layer order.
   *
   * @return one count per layer
   */
  public List<Integer> opens() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < opens.length(); i++) {
      out.add(opens.get(i));
    }
    return out;
  }

  @Override
  public String source() {
    return image.source();
  }

  @Override
  public Descriptor descriptor() {
    return image.descriptor();
  }

  @Override
  public boolean manifestSynthesized() {
    return image.manifestSynthesized();
  }

  @Override
  public Optional<Descriptor> parentIndex() {
    return image.parentIndex();
  }

  @Override
  public Manifest manifest() {
    return image.manifest();
  }

  @Override
  public byte[] rawManifest() {
    return image.rawManifest();
  }

  @Override
  public ImageConfig config() {
    return image.config();
  }

  @Override
  public byte[] rawConfig() {
    return image.rawConfig();
  }

  @Override
  public List<Layer> layers() {
    return layers;
  }

  @Override
  public Optional<Platform> platform() {
    return image.platform();
  }

  private final class CountingLayer implements Layer {
    private final Layer layer;

    CountingLayer(Layer layer) {
      this.layer = layer;
    }

    @Override
    public Descriptor descriptor() {
      return layer.descriptor();
    }

    @Override
    public int index() {
      return layer.index();
    }

    @Override
    public Digest diffId() {
      return layer.diffId();
    }

    @Override
    public InputStream openCompressed() throws IOException {
      opens.incrementAndGet(layer.index());
      return layer.openCompressed();
    }

    @Override
    public InputStream openUncompressed() throws IOException {
      opens.incrementAndGet(layer.index());
      return layer.openUncompressed();
    }
  }
}
