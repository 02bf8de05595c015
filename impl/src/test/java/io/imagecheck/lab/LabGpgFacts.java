package io.imagecheck.lab;

import io.imagecheck.image.Digest;
import java.util.Objects;

/**
 * The throwaway GPG key of a lab run and the "simple signing" signature {@code skopeo copy --sign-by} made
 * with it. The key is new on every run.
 *
 * @param fingerprint the key's fingerprint, 40 upper-case hex characters
 * @param userId the key's user id
 * @param signIdentity the docker reference the signature claims ({@code --sign-identity})
 * @param signedDir the signed {@code dir:} copy's name in the lab directory
 * @param signature the signature file, relative to the lab directory
 * @param signedManifestDigest the manifest digest {@code skopeo standalone-verify} reported
 * @param publicKeyArmored the ASCII-armored public key file, relative to the lab directory
 * @param publicKeyBinary the binary public key file, relative to the lab directory
 * @param verifiedBy skopeo's verification message
 */
public record LabGpgFacts(
    String fingerprint,
    String userId,
    String signIdentity,
    String signedDir,
    String signature,
    Digest signedManifestDigest,
    String publicKeyArmored,
    String publicKeyBinary,
    String verifiedBy) {

  /**
   * Checks the components.
   *
   * @param fingerprint the key's fingerprint
   * @param userId the key's user id
   * @param signIdentity the docker reference the signature claims
   * @param signedDir the signed copy's name
   * @param signature the signature file
   * @param signedManifestDigest the verified manifest digest
   * @param publicKeyArmored the armored public key file
   * @param publicKeyBinary the binary public key file
   * @param verifiedBy skopeo's verification message
   */
  public LabGpgFacts {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(signIdentity, "signIdentity");
    Objects.requireNonNull(signedDir, "signedDir");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(signedManifestDigest, "signedManifestDigest");
    Objects.requireNonNull(publicKeyArmored, "publicKeyArmored");
    Objects.requireNonNull(publicKeyBinary, "publicKeyBinary");
    Objects.requireNonNull(verifiedBy, "verifiedBy");
  }
}
