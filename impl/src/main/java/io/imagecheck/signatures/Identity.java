package io.imagecheck.signatures;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A keyless signer the caller trusts: both the certificate's subject alternative name (an e-mail
 * address or a URI such as a GitHub workflow) and the OIDC issuer that vouched for it must match, as
 * cosign's {@code --certificate-identity[-regexp]} and {@code --certificate-oidc-issuer[-regexp]}
 * require.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param subject the matcher for the certificate's subject alternative name
 * @param issuer the matcher for the OIDC issuer recorded in the certificate
 */
public record Identity(Match subject, Match issuer) {

  /**
   * Checks the components.
   *
   * @param subject the subject matcher
   * @param issuer the issuer matcher
   */
  public Identity {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
  }

  /**
   * An identity matched exactly.
   *
   * @param subject the exact subject alternative name
   * @param issuer the exact OIDC issuer
   * @return the identity
   */
  public static Identity exact(String subject, String issuer) {
    return new Identity(Match.exact(subject), Match.exact(issuer));
  }

  /**
   * Tells whether a certificate's identity matches.
   *
   * @param san one of the certificate's subject alternative names
   * @param oidcIssuer the certificate's OIDC issuer
   * @return true when both match
   */
  public boolean matches(String san, String oidcIssuer) {
    return subject.test(san) && issuer.test(oidcIssuer);
  }

  @Override
  public String toString() {
    return "identity " + subject + " issued by " + issuer;
  }

  /**
   * A string matcher: exact, or a regular expression that must match the whole string (cosign's
   * {@code -regexp} flags).
   *
   * <p>Instances are immutable and thread-safe.
   *
   * @param value the exact string or the pattern
   * @param regex whether {@code value} is a regular expression
   */
  public record Match(String value, boolean regex) {

    /**
     * Checks the components; a pattern must compile.
     *
     * @param value the exact string or the pattern
     * @param regex whether {@code value} is a regular expression
     * @throws IllegalArgumentException when the pattern is invalid
     */
    public Match {
      Objects.requireNonNull(value, "value");
      if (regex) {
        try {
          Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("invalid regular expression \"" + value + "\": " + e.getDescription(), e);
        }
      }
    }

    /**
     * An exact matcher.
     *
     * @param value the string
     * @return the matcher
     */
    public static Match exact(String value) {
      return new Match(value, false);
    }

    /**
     * A regular-expression matcher (whole string).
     *
     * @param pattern the pattern
     * @return the matcher
     * @throws IllegalArgumentException when the pattern is invalid
     */
    public static Match regex(String pattern) {
      return new Match(pattern, true);
    }

    /**
     * Tests a string.
     *
     * @param s the string
     * @return true when it matches
     */
    public boolean test(String s) {
      return regex ? Pattern.compile(value).matcher(s).matches() : value.equals(s);
    }

    @Override
    public String toString() {
      return regex ? "~/" + value + "/" : "\"" + value + "\"";
    }
  }
}
