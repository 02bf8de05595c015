/**
 * The {@code signatures} inspector: what is attached to an image (found by
 * {@link io.imagecheck.signatures.AttachmentDiscovery}: cosign {@code .sig}/{@code .att} manifests,
 * OCI 1.1 referrers and Sigstore bundles, containers/image {@code dir:} signature files, BuildKit
 * attestation manifests of the image's index) is verified with
 * {@link io.imagecheck.signatures.Verifier}, and each outcome becomes a finding with evidence.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.image},
 * {@code io.imagecheck.signatures}, {@code io.imagecheck.inspectors.provenance}.
 */
@NullMarked
package io.imagecheck.inspectors.signatures;

import org.jspecify.annotations.NullMarked;
