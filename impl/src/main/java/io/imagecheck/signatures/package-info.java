/**
 * Offline verification of container-image signatures and attestations in the formats real tools
 * write: cosign simple-signing signatures ({@code .sig}), cosign DSSE attestations ({@code .att}),
 * Sigstore bundles (OCI 1.1 referrers), containers/image GPG simple signing ({@code skopeo copy
 * --sign-by}), with trusted keys ({@link io.imagecheck.signatures.TrustedKeys}) or keyless identities
 * ({@link io.imagecheck.signatures.Identity}) checked against a Sigstore trusted root
 * ({@link io.imagecheck.signatures.TrustedRoot}).
 *
 * <p>{@link io.imagecheck.signatures.Verifier} never throws for a bad signature: every outcome is a
 * {@link io.imagecheck.signatures.VerificationResult} with evidence. sigstore-java verifies the
 * bundles it supports (keyless, {@code hashedrekord}/{@code dsse} entries with inclusion proofs); the
 * rest (key-based bundles, cosign {@code intoto} entries, signed entry timestamps without inclusion
 * proofs, P-384/P-521 digests, GPG) is checked here with {@code java.security} and BouncyCastle, and
 * the checks sigstore-java 2.0 misses (the log entry's time against the certificate's expiry) are
 * added on top. Verification never uses the network; {@link io.imagecheck.signatures.AttachmentDiscovery}
 * finds attachments in an image's source (a registry source asks its registry).
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source},
 * {@code io.imagecheck.internal.image}, {@code io.imagecheck.internal.json}, sigstore-java,
 * BouncyCastle ({@code bcprov}, {@code bcpkix}, {@code bcpg}).
 */
@NullMarked
package io.imagecheck.signatures;

import org.jspecify.annotations.NullMarked;
