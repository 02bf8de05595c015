package io.imagecheck.signatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Loads trusted public keys from PEM files (cosign's {@code cosign.pub}: a {@code PUBLIC KEY} block
 * with an ECDSA P-256/384/521, RSA or Ed25519 key).
 *
 * <p>Thread-safe (stateless).
 */
public final class TrustedKeys {

  private TrustedKeys() {}

  /**
   * Reads a PEM public key file.
   *
   * @param file the file
   * @return the key, named after the file
   * @throws IOException when the file cannot be read or holds no supported public key
   */
  public static TrustedKey load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Pems.MAX_PEM_CHARS) {
      throw new SignatureFormatException(file + ": " + size + " bytes is too large for a public key file");
    }
    return fromPem(file.getFileName().toString(), Files.readString(file, StandardCharsets.US_ASCII));
  }

  /**
   * Parses a PEM public key.
   *
   * @param name a name for messages
   * @param pem the PEM text
   * @return the key
   * @throws SignatureFormatException when the text holds no supported public key
   */
  public static TrustedKey fromPem(String name, String pem) throws SignatureFormatException {
    PublicKey key = Pems.publicKey(pem, name);
    return new TrustedKey(name, key);
  }
}
