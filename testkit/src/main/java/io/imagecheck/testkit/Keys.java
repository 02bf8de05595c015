package io.imagecheck.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells public key files apart: OpenPGP (GPG simple signing) or PEM (cosign). */
final class Keys {

  private Keys() {}

  /**
   * Tells whether a key file holds an OpenPGP key: armored ({@code -----BEGIN PGP PUBLIC KEY BLOCK-----})
   * or binary (a packet tag byte, high bit set).
   *
   * @param key the key file
   * @return true for OpenPGP, false for anything else (read as PEM)
   * @throws UncheckedIOException when the file cannot be read
   */
  static boolean isOpenPgp(Path key) {
    try (InputStream in = Files.newInputStream(key)) {
      byte[] head = in.readNBytes(64);
      if (head.length > 0 && (head[0] & 0x80) != 0) {
        return true;
      }
      return new String(head, StandardCharsets.US_ASCII).contains("BEGIN PGP");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key " + key + ": " + e.getMessage(), e);
    }
  }
}
