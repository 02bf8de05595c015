/**
 * The {@code signatures} inspector and the discovery of what is attached to an image: cosign
 * {@code .sig}/{@code .att} manifests, OCI 1.1 referrers and Sigstore bundles, containers/image
 * {@code dir:} signature files, BuildKit attestation manifests of the image's index. Each attachment
 * is verified with {@link io.imagecheck.signatures.Verifier} and becomes a finding with evidence.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.image},
 * {@code io.imagecheck.source}, {@code io.imagecheck.signatures}, {@code io.imagecheck.internal.image},
 * {@code io.imagecheck.internal.json}, {@code io.imagecheck.inspectors.provenance}.
 */
@NullMarked
package io.imagecheck.inspectors.signatures;

import org.jspecify.annotations.NullMarked;
