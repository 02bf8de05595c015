package io.imagecheck.signatures;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** PEM and DER decoding of public keys and certificates with the JDK's providers. */
final class Pems {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  /** PEM text larger than this is not a key or a certificate chain. */
  static final int MAX_PEM_CHARS = 1 << 20;

  private Pems() {}

  /** One PEM block: its label and decoded body. */
  record Block(String label, byte[] der) {}

  static List<Block> blocks(String pem, String what) throws SignatureFormatException {
    if (pem.length() > MAX_PEM_CHARS) {
      throw new SignatureFormatException(what + ": PEM text of " + pem.length() + " characters is too large");
    }
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new SignatureFormatException(what + ": PEM block " + m.group(1) + " is not valid base64", e);
      }
    }
    if (out.isEmpty()) {
      throw new SignatureFormatException(what + ": no PEM block found");
    }
    return out;
  }

  static PublicKey publicKey(String pem, String what) throws SignatureFormatException {
    for (Block b : blocks(pem, what)) {
      if (b.label().equals("PUBLIC KEY")) {
        return publicKeyFromDer(b.der(), what);
      }
      if (b.label().equals("CERTIFICATE")) {
        return certificate(b.der(), what).getPublicKey();
      }
    }
    throw new SignatureFormatException(what + ": expected a PEM \"PUBLIC KEY\" (SubjectPublicKeyInfo)");
  }

  static PublicKey publicKeyFromDer(byte[] der, String what) throws SignatureFormatException {
    String oid;
    try {
      oid = SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm().getId();
    } catch (RuntimeException e) {
      throw new SignatureFormatException(what + ": not a DER SubjectPublicKeyInfo", e);
    }
    String alg = switch (oid) {
      case "1.2.840.10045.2.1" -> "EC";
      case "1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10" -> "RSA";
      case "1.3.101.112" -> "Ed25519";
      default -> throw new SignatureFormatException(what + ": unsupported public key algorithm " + oid
          + " (expected ECDSA, RSA or Ed25519)");
    };
    try {
      return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new SignatureFormatException(what + ": invalid " + alg + " public key: " + e.getMessage(), e);
    }
  }

  static List<X509Certificate> certificates(String pem, String what) throws SignatureFormatException {
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(pem, what)) {
      if (b.label().equals("CERTIFICATE")) {
        out.add(certificate(b.der(), what));
      }
    }
    if (out.isEmpty()) {
      throw new SignatureFormatException(what + ": no PEM CERTIFICATE block");
    }
    return out;
  }

  static X509Certificate certificate(byte[] der, String what) throws SignatureFormatException {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | ClassCastException e) {
      throw new SignatureFormatException(what + ": invalid X.509 certificate: " + e.getMessage(), e);
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
