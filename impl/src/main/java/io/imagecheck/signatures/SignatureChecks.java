package io.imagecheck.signatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * Signature math with the JDK's providers (no primitive is implemented here): which algorithm a key
 * signs with, verification over a message or over a precomputed digest, and DSSE's pre-authentication
 * encoding.
 */
final class SignatureChecks {

  private SignatureChecks() {}

  /**
   * The JCA algorithms to try for a key, the usual one first: ECDSA with SHA-256 (cosign's default
   * for every curve) and then the curve's own hash (Sigstore's P-384/SHA-384, P-521/SHA-512), RSA
   * PKCS#1 v1.5 with SHA-256, Ed25519.
   */
  static List<String> algorithms(PublicKey key) {
    List<String> out = new ArrayList<>();
    if (key instanceof ECPublicKey ec) {
      out.add("SHA256withECDSA");
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      if (bits > 256 && bits <= 384) {
        out.add("SHA384withECDSA");
      } else if (bits > 384) {
        out.add("SHA512withECDSA");
      }
    } else if (key instanceof RSAPublicKey) {
      out.add("SHA256withRSA");
    } else if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) {
      out.add("Ed25519");
    }
    return out;
  }

  /** Verifies a signature over a message with any of the key's algorithms. */
  static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    for (String alg : algorithms(key)) {
      try {
        Signature s = Signature.getInstance(alg);
        s.initVerify(key);
        s.update(message);
        if (s.verify(signature)) {
          return true;
        }
      } catch (GeneralSecurityException | RuntimeException e) {
        // A malformed signature (bad DER) is simply not valid under this algorithm.
      }
    }
    return false;
  }

  /**
   * Verifies a signature over a precomputed digest (a message-signature bundle carries only the
   * artifact's digest). ECDSA signs the digest itself; RSA signs its DigestInfo; Ed25519 cannot.
   *
   * @param hashAlgorithm {@code SHA-256}, {@code SHA-384} or {@code SHA-512}
   */
  static boolean verifyDigest(PublicKey key, String hashAlgorithm, byte[] digest, byte[] signature) {
    try {
      if (key instanceof ECPublicKey) {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initVerify(key);
        s.update(digest);
        return s.verify(signature);
      }
      if (key instanceof RSAPublicKey) {
        AlgorithmIdentifier alg = new AlgorithmIdentifier(switch (hashAlgorithm) {
          case "SHA-384" -> NISTObjectIdentifiers.id_sha384;
          case "SHA-512" -> NISTObjectIdentifiers.id_sha512;
          default -> NISTObjectIdentifiers.id_sha256;
        }, DERNull.INSTANCE);
        Signature s = Signature.getInstance("NONEwithRSA");
        s.initVerify(key);
        s.update(new DigestInfo(alg, digest).getEncoded());
        return s.verify(signature);
      }
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      return false;
    }
    return false;
  }

  /** DSSE's pre-authentication encoding: {@code DSSEv1 <len> <type> <len> <payload>}. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + payload.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(payload, 0, out, head.length, payload.length);
    return out;
  }

  static byte[] sha256(byte[] b) {
    return hash("SHA-256", b);
  }

  static byte[] hash(String alg, byte[] b) {
    try {
      return MessageDigest.getInstance(alg).digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " is missing from this JDK", e);
    }
  }
}
