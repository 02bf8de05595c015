package io.imagecheck.signatures;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * containers/image "simple signing" with GPG: an OpenPGP signed message (one-pass signature, literal
 * data, signature; usually compressed) whose literal data is the {@code atomic container signature}
 * JSON. Verified with BouncyCastle's OpenPGP module against trusted key rings.
 */
final class GpgSimpleSigning {

  private static final byte[] PREFIX = "\0simple-signing\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_PAYLOAD = 1 << 20;
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private GpgSimpleSigning() {}

  /** A verified signature: who signed and what. */
  record Verified(String keyName, String fingerprint, byte[] payload) {}

  static Verified verify(byte[] blob, List<OpenPgpKey> keys, String where) throws Rejected {
    byte[] data = blob;
    if (data.length >= PREFIX.length && Arrays.equals(Arrays.copyOf(data, PREFIX.length), PREFIX)) {
      data = Arrays.copyOfRange(data, PREFIX.length, data.length);
    }
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
      JcaPGPObjectFactory f = new JcaPGPObjectFactory(in);
      Object o = f.nextObject();
      if (o instanceof PGPCompressedData c) {
        f = new JcaPGPObjectFactory(c.getDataStream());
        o = f.nextObject();
      }
      if (!(o instanceof PGPOnePassSignatureList ops) || ops.isEmpty()) {
        throw Rejected.invalid(where + " is not an OpenPGP signed message (no one-pass signature)");
      }
      PGPOnePassSignature onePass = ops.get(0);
      Object lit = f.nextObject();
      if (!(lit instanceof PGPLiteralData literal)) {
        throw Rejected.invalid(where + " is not an OpenPGP signed message (no literal data)");
      }
      KeyMatch match = find(onePass.getKeyID(), keys);
      byte[] payload;
      ByteArrayOutputStream bo = new ByteArrayOutputStream();
      try (InputStream li = literal.getInputStream()) {
        byte[] buf = new byte[8192];
        int n;
        while ((n = li.read(buf)) > 0) {
          if (bo.size() + n > MAX_PAYLOAD) {
            throw Rejected.invalid(where + ": the signed payload is larger than " + MAX_PAYLOAD + " bytes");
          }
          bo.write(buf, 0, n);
        }
      }
      payload = bo.toByteArray();
      Object sigs = f.nextObject();
      if (!(sigs instanceof PGPSignatureList list) || list.isEmpty()) {
        throw Rejected.invalid(where + " has no OpenPGP signature packet");
      }
      PGPSignature sig = list.get(0);
      if (match == null) {
        throw new Rejected(VerificationResult.Outcome.UNTRUSTED_IDENTITY, where + " is signed by OpenPGP key "
            + String.format(Locale.ROOT, "%016X", onePass.getKeyID()) + ", which is not among the trusted keys"
            + (keys.isEmpty() ? " (none was given)" : ""));
      }
      onePass.init(new JcaPGPContentVerifierBuilderProvider().setProvider(BC), match.key);
      onePass.update(payload);
      if (!onePass.verify(sig)) {
        throw Rejected.invalid(where + ": the OpenPGP signature by " + match.owner.name() + " does not verify");
      }
      return new Verified(match.owner.name(),
          HexFormat.of().formatHex(match.key.getFingerprint()).toUpperCase(Locale.ROOT), payload);
    } catch (IOException | PGPException | RuntimeException e) {
      throw Rejected.invalid(where + " is not a readable OpenPGP signature: " + e.getMessage());
    }
  }

  private record KeyMatch(OpenPgpKey owner, PGPPublicKey key) {}

  private static KeyMatch find(long keyId, List<OpenPgpKey> keys) throws IOException {
    for (OpenPgpKey k : keys) {
      PGPPublicKeyRing ring = new PGPPublicKeyRing(k.encoded(), new JcaKeyFingerprintCalculator());
      PGPPublicKey pk = ring.getPublicKey(keyId);
      if (pk != null) {
        return new KeyMatch(k, pk);
      }
    }
    return null;
  }
}
