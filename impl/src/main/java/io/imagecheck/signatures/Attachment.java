package io.imagecheck.signatures;

import java.util.Objects;
import java.util.Optional;

/**
 * Something attached to an image that may prove who built or signed it, as found by discovery
 * (cosign tags, OCI referrers, {@code dir:} signature files, BuildKit attestation manifests), before
 * any verification.
 *
 * <p>Every kind carries {@link #where()}: where it was found, for messages and evidence (e.g.
 * {@code dir:img/signature-1}, {@code oci:layout tag sha256-ab12….sig layer 1}).
 *
 * <p>Instances are immutable and thread-safe (byte arrays are copied in and out).
 */
public sealed interface Attachment {

  /**
   * Where the attachment was found.
   *
   * @return a description for messages
   */
  String where();

  /**
   * A cosign signature: one layer of a {@code sha256-<hex>.sig} manifest, or one containers/image
   * {@code sigstore-json} signature file.
   *
   * @param where where it was found
   * @param mediaType the layer's media type (a signature has
   *     {@code application/vnd.dev.cosign.simplesigning.v1+json})
   * @param payload the signed simple-signing payload
   * @param signature the base64 signature ({@code dev.cosignproject.cosign/signature})
   * @param certificate the signing certificate, PEM ({@code dev.sigstore.cosign/certificate})
   * @param chain its chain, PEM ({@code dev.sigstore.cosign/chain})
   * @param rekorBundle the Rekor bundle JSON ({@code dev.sigstore.cosign/bundle})
   */
  record CosignSignature(String where, String mediaType, byte[] payload, String signature,
      Optional<String> certificate, Optional<String> chain, Optional<String> rekorBundle) implements Attachment {

    /**
     * Checks the components and copies the payload.
     *
     * @param where where it was found
     * @param mediaType the media type
     * @param payload the payload
     * @param signature the base64 signature
     * @param certificate the certificate, if any
     * @param chain the chain, if any
     * @param rekorBundle the Rekor bundle, if any
     */
    public CosignSignature {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(mediaType, "mediaType");
      payload = payload.clone();
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(chain, "chain");
      Objects.requireNonNull(rekorBundle, "rekorBundle");
    }

    /**
     * The payload.
     *
     * @return a copy of the payload bytes
     */
    @Override
    public byte[] payload() {
      return payload.clone();
    }
  }

  /**
   * A cosign attestation: one DSSE envelope layer of a {@code sha256-<hex>.att} manifest.
   *
   * @param where where it was found
   * @param envelope the DSSE envelope JSON, exactly as stored
   * @param certificate the signing certificate, PEM
   * @param chain its chain, PEM
   * @param rekorBundle the Rekor bundle JSON
   */
  record CosignAttestation(String where, byte[] envelope, Optional<String> certificate, Optional<String> chain,
      Optional<String> rekorBundle) implements Attachment {

    /**
     * Checks the components and copies the envelope.
     *
     * @param where where it was found
     * @param envelope the envelope
     * @param certificate the certificate, if any
     * @param chain the chain, if any
     * @param rekorBundle the Rekor bundle, if any
     */
    public CosignAttestation {
      Objects.requireNonNull(where, "where");
      envelope = envelope.clone();
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(chain, "chain");
      Objects.requireNonNull(rekorBundle, "rekorBundle");
    }

    /**
     * The envelope.
     *
     * @return a copy of the envelope bytes
     */
    @Override
    public byte[] envelope() {
      return envelope.clone();
    }
  }

  /**
   * A Sigstore bundle ({@code application/vnd.dev.sigstore.bundle…+json}), e.g. an OCI 1.1 referrer.
   *
   * @param where where it was found
   * @param bundle the bundle JSON
   */
  record SigstoreBundle(String where, byte[] bundle) implements Attachment {

    /**
     * Checks the components and copies the bundle.
     *
     * @param where where it was found
     * @param bundle the bundle
     */
    public SigstoreBundle {
      Objects.requireNonNull(where, "where");
      bundle = bundle.clone();
    }

    /**
     * The bundle.
     *
     * @return a copy of the bundle bytes
     */
    @Override
    public byte[] bundle() {
      return bundle.clone();
    }
  }

  /**
   * A containers/image GPG simple-signing signature (an OpenPGP signed message over the
   * {@code atomic container signature} JSON), as {@code skopeo copy --sign-by} writes.
   *
   * @param where where it was found
   * @param signature the OpenPGP message, binary or armored
   */
  record GpgSignature(String where, byte[] signature) implements Attachment {

    /**
     * Checks the components and copies the signature.
     *
     * @param where where it was found
     * @param signature the OpenPGP message
     */
    public GpgSignature {
      Objects.requireNonNull(where, "where");
      signature = signature.clone();
    }

    /**
     * The OpenPGP message.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /**
   * An in-toto statement stored without a signature (a BuildKit attestation manifest layer).
   *
   * @param where where it was found
   * @param statement the statement JSON
   */
  record UnsignedStatement(String where, byte[] statement) implements Attachment {

    /**
     * Checks the components and copies the statement.
     *
     * @param where where it was found
     * @param statement the statement
     */
    public UnsignedStatement {
      Objects.requireNonNull(where, "where");
      statement = statement.clone();
    }

    /**
     * The statement.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] statement() {
      return statement.clone();
    }
  }
}
