package io.imagecheck.signatures;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.ImageIndex;
import io.imagecheck.image.IndexManifest;
import io.imagecheck.image.Manifest;
import io.imagecheck.image.MediaType;
import io.imagecheck.internal.image.AttachmentSource;
import io.imagecheck.internal.image.ImageReader;
import io.imagecheck.internal.json.ImageDocuments;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.LimitExceededException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the signatures and attestations attached to an image in its source, in every place real
 * tools put them: cosign's tag scheme and {@code cosign save} layouts, OCI 1.1 referrers (including
 * Sigstore bundles and the {@code sha256-<hex>} referrers index), containers/image {@code dir:}
 * signature files, and BuildKit attestation manifests in the image's index. Sources that cannot list
 * attachments (archives) have none. A registry source asks its registry (one {@code HEAD} per cosign
 * tag and one referrers request per digest); nothing else here uses the network.
 *
 * <pre>{@code
 * try (ImageSource source = ImageSources.open("docker://registry.example/app:1.0")) {
 *   Image image = source.image();
 *   SignedSubject subject = AttachmentDiscovery.subjectOf(image);
 *   for (Attachment a : AttachmentDiscovery.discover(source, subject)) {
 *     VerificationResult r = verifier.verify(a, subject);
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class AttachmentDiscovery {

  /** BuildKit's annotation naming an attestation manifest's kind. */
  public static final String REFERENCE_TYPE = "vnd.docker.reference.type";
  /** BuildKit's annotation naming the manifest an attestation manifest is about. */
  public static final String REFERENCE_DIGEST = "vnd.docker.reference.digest";

  private AttachmentDiscovery() {}

  /**
   * The digests a signature of this image may cover.
   *
   * @param image the image
   * @return its manifest digest and, when it was resolved through an index, the index digest
   */
  public static SignedSubject subjectOf(Image image) {
    return new SignedSubject(image.descriptor().digest(), image.parentIndex().map(Descriptor::digest));
  }

  /**
   * The digests a signature may cover when only the source's top document is known (its blobs need
   * not be readable: verification needs only manifests and signatures). For a single image: its
   * manifest digest. For an index: the digest of the image the source selects (its platform rules)
   * and the index digest.
   *
   * @param source the source
   * @return the subject
   * @throws IOException when the source is an index whose image cannot be selected
   */
  public static SignedSubject subjectOf(ImageSource source) throws IOException {
    if (source.index().isEmpty()) {
      return SignedSubject.of(source.descriptor().digest());
    }
    return subjectOf(source.image());
  }

  /**
   * Finds the attachments of an image.
   *
   * @param source the source the image was read from
   * @param image the image
   * @return the attachments, in discovery order; empty when the source cannot list attachments
   * @throws IOException when an attachment cannot be read, or there are more than the
   *     {@code referrers} limit
   */
  public static List<Attachment> discover(ImageSource source, Image image) throws IOException {
    return discover(source, subjectOf(image));
  }

  /**
   * Finds the attachments of the digests of a subject: for each digest its cosign tags or
   * {@code cosign save} entries, its referrers and {@code dir:} signature files; and the BuildKit
   * attestation manifests the source's index holds for the subject's manifest.
   *
   * @param source the source the subject was read from
   * @param subject the manifest digest and, when resolved through an index, the index digest
   * @return the attachments, in discovery order; empty when the source cannot list attachments
   * @throws IOException when an attachment cannot be read, or there are more than the
   *     {@code referrers} limit
   */
  public static List<Attachment> discover(ImageSource source, SignedSubject subject) throws IOException {
    List<Attachment> out = new ArrayList<>();
    if (!(source instanceof AttachmentSource as)) {
      return out;
    }
    ImageReader reader = as.attachmentReader();
    Set<Digest> seen = new LinkedHashSet<>();
    for (Digest d : subject.digests()) {
      for (Descriptor m : as.attachmentManifests(d)) {
        read(reader, m, out, seen, 0);
      }
      for (AttachmentSource.SignatureFile f : as.signatureFiles(d)) {
        out.add(Attachments.fromDirSignatureFile(source.reference().transport().prefix() + source.reference().path()
            + "/" + f.name(), f.data()));
      }
    }
    Optional<ImageIndex> index = source.index();
    if (index.isPresent()) {
      buildKit(reader, index.get(), subject.manifest(), out, seen, 0);
    }
    if (out.size() > reader.limits().referrers()) {
      throw new LimitExceededException(reader.source(), out.size() + " attachments of " + subject.manifest(),
          "referrers", reader.limits().referrers());
    }
    return out;
  }

  private static void read(ImageReader reader, Descriptor d, List<Attachment> out, Set<Digest> seen, int depth)
      throws IOException {
    if (!seen.add(d.digest()) || depth > 1) {
      return;
    }
    String what = "attachment " + d.digest().shortForm() + d.refName().map(r -> " (" + r + ")").orElse("");
    byte[] bytes = reader.readManifest(d, what);
    var node = reader.parse(bytes, what);
    if (ImageDocuments.kind(node, d.mediaType(), reader.source(), what) == ImageDocuments.Kind.INDEX) {
      // The referrers tag fallback (sha256-<hex>): an index listing the referrers.
      IndexManifest idx = ImageDocuments.index(node, d.mediaType(), reader.source(), what);
      for (Descriptor r : idx.manifests()) {
        read(reader, r, out, seen, depth + 1);
      }
      return;
    }
    Manifest m = ImageDocuments.manifest(node, d.mediaType(), reader.source(), what);
    int n = 0;
    for (Descriptor layer : m.layers()) {
      n++;
      String where = reader.source() + " " + what + " layer " + n;
      MediaType mt = layer.mediaType();
      if (mt.is(MediaType.COSIGN_SIMPLE_SIGNING) || layer.annotations().containsKey(Attachments.SIGNATURE)
          && !mt.is(MediaType.DSSE_ENVELOPE)) {
        out.add(Attachments.cosignSignature(where, mt.value(), reader.readDocument(layer, where),
            layer.annotations()));
      } else if (mt.is(MediaType.DSSE_ENVELOPE)) {
        out.add(Attachments.cosignAttestation(where, reader.readDocument(layer, where), layer.annotations()));
      } else if (mt.essence().startsWith("application/vnd.dev.sigstore.bundle")) {
        out.add(new Attachment.SigstoreBundle(where, reader.readDocument(layer, where)));
      } else if (mt.is(MediaType.IN_TOTO)) {
        out.add(new Attachment.UnsignedStatement(where, reader.readDocument(layer, where)));
      }
    }
  }

  private static void buildKit(ImageReader reader, ImageIndex index, Digest image, List<Attachment> out,
      Set<Digest> seen, int depth) throws IOException {
    for (Descriptor e : index.manifests()) {
      if (e.mediaType().isIndex() && depth < 2) {
        buildKit(reader, index.index(e.digest()), image, out, seen, depth + 1);
      } else if ("attestation-manifest".equals(e.annotations().get(REFERENCE_TYPE))
          && image.toString().equals(e.annotations().get(REFERENCE_DIGEST))) {
        read(reader, e, out, seen, 0);
      }
    }
  }
}
