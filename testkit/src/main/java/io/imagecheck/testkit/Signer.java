package io.imagecheck.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who should have signed an image or its provenance, for {@link ImageAssert#isSignedBy(Signer)} and
 * {@link ImageAssert#hasProvenance(Signer, String)}: a public key (cosign PEM key or OpenPGP key), or a
 * keyless identity (certificate subject and OIDC issuer, as regular expressions, as cosign's
 * {@code --certificate-identity-regexp} and {@code --certificate-oidc-issuer-regexp}).
 *
 * <pre>{@code
 * Signer release = Signer.key(Path.of("keys/cosign.pub"));
 * Signer ci = Signer.keyless("https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*",
 *     "https://token\\.actions\\.githubusercontent\\.com").withTrustedRoot(Path.of("trusted_root.json"));
 * }</pre>
 *
 * <p>Verification is offline; keyless signers are checked against the public-good Sigstore root shipped
 * with imagecheck unless {@link #withTrustedRoot(Path)} names another. Immutable and thread-safe.
 */
public final class Signer {

  private final @Nullable Path key;
  private final @Nullable String subjectRegexp;
  private final @Nullable String issuerRegexp;
  private final @Nullable Path trustedRoot;

  private Signer(@Nullable Path key, @Nullable String subjectRegexp, @Nullable String issuerRegexp,
      @Nullable Path trustedRoot) {
    this.key = key;
    this.subjectRegexp = subjectRegexp;
    this.issuerRegexp = issuerRegexp;
    this.trustedRoot = trustedRoot;
  }

  /**
   * A signer known by its public key.
   *
   * @param publicKey a PEM public key file (cosign) or an OpenPGP public key file, armored or binary
   *     (GPG simple signing)
   * @return the signer
   */
  public static Signer key(Path publicKey) {
    return new Signer(Objects.requireNonNull(publicKey, "publicKey"), null, null, null);
  }

  /**
   * A keyless signer: a Fulcio certificate whose subject and OIDC issuer match regular expressions.
   *
   * @param subjectRegexp e.g. {@code https://github\.com/acme/app/.*}
   * @param issuerRegexp e.g. {@code https://token\.actions\.githubusercontent\.com}
   * @return the signer
   */
  public static Signer keyless(String subjectRegexp, String issuerRegexp) {
    return new Signer(null, Objects.requireNonNull(subjectRegexp, "subjectRegexp"),
        Objects.requireNonNull(issuerRegexp, "issuerRegexp"), null);
  }

  /**
   * The same signer, checked against another Sigstore trusted root.
   *
   * @param file a {@code trusted_root.json}
   * @return a new signer
   */
  public Signer withTrustedRoot(Path file) {
    return new Signer(key, subjectRegexp, issuerRegexp, Objects.requireNonNull(file, "file"));
  }

  /**
   * The signatures inspector's options for this signer.
   *
   * @return option name to value
   */
  Map<String, Object> options() {
    Map<String, Object> o = new LinkedHashMap<>();
    if (key != null) {
      o.put(Keys.isOpenPgp(key) ? "gpgKeys" : "keys", List.of(key.toString()));
    } else {
      Map<String, Object> identity = new LinkedHashMap<>();
      identity.put("subjectRegexp", subjectRegexp);
      identity.put("issuerRegexp", issuerRegexp);
      o.put("identities", new ArrayList<>(List.of(identity)));
    }
    Optional.ofNullable(trustedRoot).ifPresent(r -> o.put("trustedRoot", r.toString()));
    return o;
  }

  /**
   * The signer for messages.
   *
   * @return e.g. {@code keys/cosign.pub} or {@code identity /https://github\.com/.../ issued by /.../}
   */
  @Override
  public String toString() {
    return key != null ? key.toString() : "identity /" + subjectRegexp + "/ issued by /" + issuerRegexp + "/";
  }
}
