package io.imagecheck.signatures;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A public key the caller trusts to sign images (cosign's {@code --key}), with a name for messages.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name where the key came from, e.g. {@code cosign.pub}
 * @param key the key (ECDSA P-256/384/521, RSA or Ed25519)
 */
public record TrustedKey(String name, PublicKey key) {

  /**
   * Checks the components.
   *
   * @param name where the key came from
   * @param key the key
   */
  public TrustedKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
  }

  /**
   * The key's fingerprint: SHA-256 of its DER SubjectPublicKeyInfo, as {@code SHA256:hex}.
   *
   * @return the fingerprint
   */
  public String fingerprint() {
    return fingerprint(key);
  }

  /**
   * The fingerprint of any public key (SHA-256 of its DER SubjectPublicKeyInfo).
   *
   * @param key the key
   * @return {@code SHA256:} and 64 hex digits
   */
  public static String fingerprint(PublicKey key) {
    try {
      return "SHA256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public String toString() {
    return name + " (" + key.getAlgorithm() + ", " + fingerprint() + ")";
  }
}
