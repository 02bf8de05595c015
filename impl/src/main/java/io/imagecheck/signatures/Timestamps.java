package io.imagecheck.signatures;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * RFC 3161 timestamps (BouncyCastle's TSP module): the token must be signed by a timestamp
 * authority of the trusted root valid at the stamped time, and stamp the signature's bytes.
 */
final class Timestamps {

  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private Timestamps() {}

  static Instant verify(byte[] token, byte[] signature, TrustedRoot root, String where) throws Rejected {
    TimeStampToken tst;
    try {
      // Bundles hold a whole TimeStampResp (status and token); accept a bare token too.
      tst = new TimeStampResponse(token).getTimeStampToken();
      if (tst == null) {
        throw Rejected.invalid(where + ": the RFC 3161 timestamp response holds no token (status "
            + new TimeStampResponse(token).getStatus() + ")");
      }
    } catch (TSPException | IOException | RuntimeException notAResponse) {
      try {
        tst = new TimeStampToken(new CMSSignedData(token));
      } catch (CMSException | TSPException | IOException | RuntimeException e) {
        throw Rejected.invalid(where + ": the RFC 3161 timestamp is malformed: " + e.getMessage());
      }
    }
    Instant at = tst.getTimeStampInfo().getGenTime().toInstant();
    String oid = tst.getTimeStampInfo().getMessageImprintAlgOID().getId();
    String alg = switch (oid) {
      case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
      case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
      case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
      default -> throw Rejected.invalid(where + ": the RFC 3161 timestamp uses unsupported hash " + oid);
    };
    if (!MessageDigest.isEqual(SignatureChecks.hash(alg, signature), tst.getTimeStampInfo().getMessageImprintDigest())) {
      throw Rejected.invalid(where + ": the RFC 3161 timestamp does not stamp this signature");
    }
    List<String> tried = new ArrayList<>();
    for (TrustedRoot.Authority tsa : root.timestampAuthorities()) {
      if (!tsa.validAt(at)) {
        continue;
      }
      X509Certificate leaf = tsa.chain().get(0);
      try {
        tst.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(leaf));
        return at;
      } catch (TSPException | OperatorCreationException | RuntimeException e) {
        tried.add(tsa.uri());
      }
    }
    throw Rejected.invalid(where + ": the RFC 3161 timestamp (" + at + ") is not signed by a timestamp authority "
        + root + " trusts at that time" + (tried.isEmpty() ? "" : " (tried " + String.join(", ", tried) + ")"));
  }
}
