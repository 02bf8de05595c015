package io.imagecheck.signatures;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Verifier} trusts, with safe defaults: nothing is trusted until keys or identities are
 * given, the public-good trusted root is used for keyless signatures, and a transparency-log entry
 * (or, for bundles, an RFC 3161 timestamp) is required.
 *
 * <p>Instances are immutable and thread-safe. Build with {@link #builder()}.
 *
 * @param keys trusted public keys (any one may sign)
 * @param identities trusted keyless identities (any one may sign)
 * @param trustedRoot the Sigstore trusted root for Fulcio chains, Rekor entries and timestamps
 * @param extraCertificateRoots further roots for certificate-based signatures outside Fulcio (a
 *     private PKI, cosign's {@code --certificate-chain}); certificates from them must still match an
 *     identity's subject (their issuer is not checked: a private PKI records no OIDC issuer)
 * @param insecureIgnoreTransparencyLog accept signatures without a verified transparency-log entry
 *     (cosign's {@code --insecure-ignore-tlog}); off by default
 * @param openPgpKeys trusted OpenPGP public keys, for GPG simple signing
 */
public record VerificationOptions(
    List<TrustedKey> keys,
    List<Identity> identities,
    TrustedRoot trustedRoot,
    List<X509Certificate> extraCertificateRoots,
    boolean insecureIgnoreTransparencyLog,
    List<OpenPgpKey> openPgpKeys) {

  /**
   * Checks the components and copies the lists.
   *
   * @param keys trusted keys
   * @param identities trusted identities
   * @param trustedRoot the trusted root
   * @param extraCertificateRoots further certificate roots
   * @param insecureIgnoreTransparencyLog accept signatures without a log entry
   * @param openPgpKeys trusted OpenPGP keys
   */
  public VerificationOptions {
    openPgpKeys = List.copyOf(openPgpKeys);
    keys = List.copyOf(keys);
    identities = List.copyOf(identities);
    Objects.requireNonNull(trustedRoot, "trustedRoot");
    extraCertificateRoots = List.copyOf(extraCertificateRoots);
  }

  /**
   * A builder with the safe defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Tells whether anything is trusted at all.
   *
   * @return true when keys or identities were given
   */
  public boolean trustsAnything() {
    return !keys.isEmpty() || !identities.isEmpty() || !openPgpKeys.isEmpty();
  }

  /** A mutable builder; not thread-safe. */
  public static final class Builder {
    private final List<TrustedKey> keys = new ArrayList<>();
    private final List<Identity> identities = new ArrayList<>();
    private final List<X509Certificate> roots = new ArrayList<>();
    private final List<OpenPgpKey> pgp = new ArrayList<>();
    private TrustedRoot trustedRoot;
    private boolean ignoreTlog;

    private Builder() {}

    /**
     * Trusts a key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder key(TrustedKey key) {
      keys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * Trusts a keyless identity.
     *
     * @param identity the identity
     * @return this builder
     */
    public Builder identity(Identity identity) {
      identities.add(Objects.requireNonNull(identity, "identity"));
      return this;
    }

    /**
     * Trusts an OpenPGP key (GPG simple signing).
     *
     * @param key the key
     * @return this builder
     */
    public Builder openPgpKey(OpenPgpKey key) {
      pgp.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * Uses a trusted root instead of the public-good snapshot.
     *
     * @param root the trusted root
     * @return this builder
     */
    public Builder trustedRoot(TrustedRoot root) {
      trustedRoot = Objects.requireNonNull(root, "root");
      return this;
    }

    /**
     * Trusts a further certificate root (a private PKI).
     *
     * @param root the root certificate
     * @return this builder
     */
    public Builder certificateRoot(X509Certificate root) {
      roots.add(Objects.requireNonNull(root, "root"));
      return this;
    }

    /**
     * INSECURE: accepts signatures that have no verified transparency-log entry.
     *
     * @return this builder
     */
    public Builder insecureIgnoreTransparencyLog() {
      ignoreTlog = true;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws java.io.UncheckedIOException when no trusted root was given and the shipped snapshot is
     *     missing from the build
     */
    public VerificationOptions build() {
      TrustedRoot root = trustedRoot;
      if (root == null) {
        try {
          root = TrustedRoot.publicGood();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return new VerificationOptions(keys, identities, root, roots, ignoreTlog, pgp);
    }
  }
}
