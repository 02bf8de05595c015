package io.imagecheck.internal.image;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageIndex;
import io.imagecheck.image.Platform;
import io.imagecheck.source.ImageNotFoundException;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.ImageSourceException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ImageSource} behaviour every adapter shares once it has found its top document: image
 * or index, platform selection, listing every platform image.
 *
 * <p>Platform rules: an explicitly requested platform must match (for a single image, its config's
 * platform, when it declares one); otherwise the host's platform is preferred, then the only image
 * there is; otherwise the error lists the platforms.
 *
 * <p>Thread-safe until closed.
 */
public final class StoredImageSource implements ImageSource, AttachmentSource {

  private final ImageReference reference;
  private final ImageReader reader;
  private final Descriptor top;
  private final @Nullable Image image;
  private final @Nullable ImageIndex index;
  private final @Nullable Platform requested;
  private final Closeable resources;
  private final AttachmentSource.Lister lister;
  private final @Nullable ImageSourceException unreadable;

  /**
   * Creates a source.
   *
   * @param reference the reference it was opened from
   * @param reader the reader over the source's blobs
   * @param top the top descriptor
   * @param resolved the top document: an {@link Image} or an {@link ImageIndex}
   * @param requested the platform the caller asked for, or null for the default rules
   * @param resources what to close with the source
   */
  public StoredImageSource(ImageReference reference, ImageReader reader, Descriptor top, Object resolved,
      @Nullable Platform requested, Closeable resources) {
    this(reference, reader, top, resolved, requested, resources, subject -> List.of());
  }

  /**
   * Creates a source that can list attachments.
   *
   * @param reference the reference it was opened from
   * @param reader the reader over the source's blobs
   * @param top the top descriptor
   * @param resolved the top document: an {@link Image} or an {@link ImageIndex}
   * @param requested the platform the caller asked for, or null for the default rules
   * @param resources what to close with the source
   * @param lister how the adapter finds attachments
   */
  public StoredImageSource(ImageReference reference, ImageReader reader, Descriptor top, Object resolved,
      @Nullable Platform requested, Closeable resources, AttachmentSource.Lister lister) {
    this(reference, reader, top, resolved, requested, resources, lister, null);
  }

  /**
   * Creates a source whose top manifest was read but whose image cannot be (a {@code dir:} copy that
   * holds only {@code manifest.json} and signatures, as containers/image's signature fixtures do):
   * its descriptor and attachments can be read, so signatures can be verified; {@code image()},
   * {@code image(Platform)} and {@code images()} throw {@code failure}.
   *
   * @param reference the reference it was opened from
   * @param reader the reader over the source's blobs
   * @param top the top (image manifest) descriptor
   * @param failure why the image cannot be read, e.g. its config blob is missing
   * @param resources what to close with the source
   * @param lister how the adapter finds attachments
   * @return the source
   */
  public static StoredImageSource unreadableImage(ImageReference reference, ImageReader reader, Descriptor top,
      ImageSourceException failure, Closeable resources, AttachmentSource.Lister lister) {
    return new StoredImageSource(reference, reader, top, null, null, resources, lister,
        Objects.requireNonNull(failure, "failure"));
  }

  private StoredImageSource(ImageReference reference, ImageReader reader, Descriptor top, @Nullable Object resolved,
      @Nullable Platform requested, Closeable resources, AttachmentSource.Lister lister,
      @Nullable ImageSourceException unreadable) {
    this.unreadable = unreadable;
    this.lister = Objects.requireNonNull(lister, "lister");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.reader = reader;
    this.top = top;
    this.image = resolved instanceof Image i ? i : null;
    this.index = resolved instanceof ImageIndex x ? x : null;
    if (image == null && index == null && unreadable == null) {
      throw new IllegalArgumentException("resolved must be an Image or an ImageIndex: " + resolved);
    }
    this.requested = requested;
    this.resources = resources;
  }

  @Override
  public ImageReference reference() {
    return reference;
  }

  @Override
  public Descriptor descriptor() {
    return top;
  }

  @Override
  public Optional<ImageIndex> index() {
    return Optional.ofNullable(index);
  }

  @Override
  public Image image() throws IOException {
    if (unreadable != null) {
      throw unreadable;
    }
    if (requested != null) {
      return image(requested);
    }
    if (image != null) {
      return image;
    }
    List<StoredIndex.Candidate> candidates = ((StoredIndex) index).candidates();
    Platform host = Platform.host();
    for (StoredIndex.Candidate c : candidates) {
      if (c.descriptor().platform().map(host::matches).orElse(false)) {
        return reader.image(c.descriptor(), c.parent());
      }
    }
    if (candidates.size() == 1) {
      return reader.image(candidates.get(0).descriptor(), candidates.get(0).parent());
    }
    if (candidates.isEmpty()) {
      throw new ImageNotFoundException(reader.source(), "index " + top.digest().shortForm()
          + " lists no platform image", List.of());
    }
    // Entries without platforms: the configs tell (OCI layouts often omit the platform).
    List<String> platforms = new ArrayList<>();
    for (StoredIndex.Candidate c : candidates) {
      if (c.descriptor().platform().isEmpty()) {
        Image i = reader.image(c.descriptor(), c.parent());
        if (i.platform().map(host::matches).orElse(false)) {
          return i;
        }
        platforms.add(i.platform().map(Platform::toString).orElse("unknown"));
      } else {
        platforms.add(c.descriptor().platform().get().toString());
      }
    }
    throw new ImageNotFoundException(reader.source(), "index " + top.digest().shortForm()
        + " has several platforms and none is the host's (" + host + "); choose one with --platform",
        List.copyOf(new LinkedHashSet<>(platforms)));
  }

  @Override
  public Image image(Platform platform) throws IOException {
    if (unreadable != null) {
      throw unreadable;
    }
    if (image != null) {
      Optional<Platform> p = image.platform();
      if (p.isPresent() && !platform.matches(p.get())) {
        throw new ImageNotFoundException(reader.source(), "the image is for " + p.get() + ", not " + platform,
            List.of(p.get().toString()));
      }
      return image;
    }
    return index.image(platform);
  }

  @Override
  public List<Image> images() throws IOException {
    if (unreadable != null) {
      throw unreadable;
    }
    if (image != null) {
      return List.of(image);
    }
    List<Image> out = new ArrayList<>();
    for (StoredIndex.Candidate c : ((StoredIndex) index).candidates()) {
      out.add(reader.image(c.descriptor(), c.parent()));
    }
    return out;
  }

  @Override
  public ImageReader attachmentReader() {
    return reader;
  }

  @Override
  public List<Descriptor> attachmentManifests(io.imagecheck.image.Digest subject) throws IOException {
    return lister.manifests(subject);
  }

  @Override
  public List<AttachmentSource.SignatureFile> signatureFiles(io.imagecheck.image.Digest subject) throws IOException {
    return lister.signatureFiles(subject);
  }

  @Override
  public void close() throws IOException {
    resources.close();
  }

  @Override
  public String toString() {
    return reference.toString();
  }
}
