package io.imagecheck.signatures;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;

/**
 * Fulcio-style signing certificates: chain building to a trusted authority at the signing time
 * (PKIX, via the JDK), and the identity they carry (subject alternative names and the OIDC issuer
 * extension).
 */
final class SigningCertificates {

  /** Fulcio's OIDC issuer extension (v1: raw string). */
  static final String ISSUER_V1 = "1.3.6.1.4.1.57264.1.1";
  /** Fulcio's OIDC issuer extension (v2: DER UTF8String). */
  static final String ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

  private SigningCertificates() {}

  /** Which authority a certificate chained to. */
  record Chained(String authority, boolean fulcio) {}

  /**
   * Builds a path from the leaf to a Fulcio authority of the trusted root valid at {@code at}, or to
   * one of the extra roots.
   */
  static Chained chain(X509Certificate leaf, List<X509Certificate> given, TrustedRoot root,
      List<X509Certificate> extraRoots, Instant at) throws Rejected {
    List<String> tried = new ArrayList<>();
    for (TrustedRoot.Authority ca : root.certificateAuthorities()) {
      if (!ca.validAt(at)) {
        continue;
      }
      X509Certificate anchor = ca.chain().get(ca.chain().size() - 1);
      List<X509Certificate> intermediates = new ArrayList<>(ca.chain().subList(0, ca.chain().size() - 1));
      if (builds(leaf, anchor, intermediates, at)) {
        return new Chained(ca.uri(), true);
      }
      tried.add(ca.uri());
    }
    for (X509Certificate r : extraRoots) {
      List<X509Certificate> intermediates = new ArrayList<>(given);
      if (builds(leaf, r, intermediates, at)) {
        return new Chained(r.getSubjectX500Principal().getName(), false);
      }
      tried.add(r.getSubjectX500Principal().getName());
    }
    throw Rejected.invalid("the signing certificate (" + leaf.getSubjectX500Principal().getName() + ", issued by "
        + leaf.getIssuerX500Principal().getName() + ") does not chain to a trusted authority valid at " + at
        + (tried.isEmpty() ? " (none is valid then)" : " (tried " + String.join(", ", tried) + ")"));
  }

  private static boolean builds(X509Certificate leaf, X509Certificate anchor, List<X509Certificate> intermediates,
      Instant at) {
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(leaf);
      PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), target);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      List<X509Certificate> store = new ArrayList<>(intermediates);
      store.add(leaf);
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
      CertPathBuilder.getInstance("PKIX").build(params);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** The subject alternative names: e-mail addresses, URIs, DNS names, in certificate order. */
  static List<String> subjectAlternativeNames(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          Object type = san.get(0);
          if (type instanceof Integer i && (i == 1 || i == 2 || i == 6) && san.get(1) instanceof String s) {
            out.add(s);
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      // No readable SAN: the identity cannot match.
    }
    return out;
  }

  /** The OIDC issuer Fulcio recorded, if any. */
  static Optional<String> oidcIssuer(X509Certificate cert) {
    byte[] v2 = cert.getExtensionValue(ISSUER_V2);
    if (v2 != null) {
      try {
        ASN1Primitive inner = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(v2).getOctets());
        if (inner instanceof ASN1String s) {
          return Optional.of(s.getString());
        }
      } catch (java.io.IOException | IllegalArgumentException e) {
        // fall back to the v1 extension
      }
    }
    byte[] v1 = cert.getExtensionValue(ISSUER_V1);
    if (v1 != null) {
      try {
        return Optional.of(new String(ASN1OctetString.getInstance(v1).getOctets(), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
