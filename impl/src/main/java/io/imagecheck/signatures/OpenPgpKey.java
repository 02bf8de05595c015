package io.imagecheck.signatures;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;

/**
 * A trusted OpenPGP public key ring (as {@code gpg --export [--armor]} writes it), for containers/image
 * GPG simple signing.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name where the key came from
 * @param fingerprints the fingerprints of the primary key and its subkeys, upper-case hex
 * @param encoded the binary key ring
 */
public record OpenPgpKey(String name, List<String> fingerprints, byte[] encoded) {

  private static final int MAX_BYTES = 1 << 20;

  /**
   * Checks the components and copies the collections.
   *
   * @param name where the key came from
   * @param fingerprints the fingerprints
   * @param encoded the binary key ring
   */
  public OpenPgpKey {
    Objects.requireNonNull(name, "name");
    fingerprints = List.copyOf(fingerprints);
    encoded = encoded.clone();
  }

  /**
   * The binary key ring.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Reads the key rings of an exported public key file (binary or ASCII-armored).
   *
   * @param file the file
   * @return one key per key ring in the file
   * @throws IOException when the file cannot be read or holds no OpenPGP public key
   */
  public static List<OpenPgpKey> load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new SignatureFormatException(file + ": " + size + " bytes is too large for an OpenPGP key file");
    }
    return parse(file.getFileName().toString(), Files.readAllBytes(file));
  }

  /**
   * Parses exported public keys (binary or ASCII-armored).
   *
   * @param name a name for messages
   * @param bytes the export
   * @return one key per key ring
   * @throws SignatureFormatException when the bytes hold no OpenPGP public key
   */
  public static List<OpenPgpKey> parse(String name, byte[] bytes) throws SignatureFormatException {
    List<OpenPgpKey> out = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
      for (Iterator<PGPPublicKeyRing> it = rings.getKeyRings(); it.hasNext(); ) {
        PGPPublicKeyRing ring = it.next();
        List<String> fprs = new ArrayList<>();
        for (Iterator<PGPPublicKey> k = ring.getPublicKeys(); k.hasNext(); ) {
          fprs.add(HexFormat.of().formatHex(k.next().getFingerprint()).toUpperCase(Locale.ROOT));
        }
        out.add(new OpenPgpKey(name, fprs, ring.getEncoded()));
      }
    } catch (IOException | PGPException | RuntimeException e) {
      throw new SignatureFormatException(name + ": not an OpenPGP public key export: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new SignatureFormatException(name + ": no OpenPGP public key found");
    }
    return out;
  }

  /**
   * The primary key's fingerprint.
   *
   * @return upper-case hex
   */
  public String fingerprint() {
    return fingerprints.isEmpty() ? "" : fingerprints.get(0);
  }
}
