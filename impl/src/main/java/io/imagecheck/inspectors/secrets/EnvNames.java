package io.imagecheck.inspectors.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells whether an environment variable or build argument name looks like it holds a secret.
 *
 * <p>Names are split into segments at {@code _}, {@code -} and {@code .}, upper-cased. A name looks
 * secret when a segment ends with {@code PASSWORD}, {@code PASSWD}, {@code PASSPHRASE},
 * {@code SECRET} or {@code TOKEN}; when a segment is {@code SECRETKEY}, {@code PRIVATEKEY} or
 * {@code CREDENTIALS}, or it has the segments {@code PRIVATE KEY}; when a segment is {@code APIKEY}
 * or {@code ACCESSKEY} or it has the segments {@code API KEY}; when its last segment is
 * {@code KEY} (e.g. {@code STRIPE_KEY}); or when
 * a segment other than the first is {@code PWD} ({@code DB_PWD}; {@code PWD} alone is the working
 * directory).
 *
 * <p>Built-in allowlist (well-known false positives): key names ({@code *_KEY}, {@code API_KEY}) that
 * mention {@code GPG} or {@code PGP} (official images publish release-signing key ids, e.g.
 * {@code GPG_KEY}, {@code PHP_GPG_KEYS}) or a public key ({@code PUBLIC_KEY}, {@code *_PUBLIC_KEY},
 * {@code PUBKEY}), unless they also say private, password, passphrase, secret or token
 * ({@code GPG_PASSPHRASE} and {@code GPG_PRIVATE_KEY} are secrets); and names whose last segment says
 * the value is about a secret rather than the secret itself: {@code *_KEY_URL}, {@code *_KEY_FILE},
 * {@code *_KEY_PATH}, {@code *_PASSWORD_FILE} (the Docker secrets convention), {@code *_KEYSERVER},
 * {@code *_FINGERPRINT}, {@code *_ID}, {@code *_NAME}, {@code *_TYPE}, {@code *_LENGTH},
 * {@code *_TTL}, {@code *_TIMEOUT}, {@code *_ENABLED} and similar (see {@link #METADATA_SUFFIXES}).
 *
 * <p>Thread-safe (stateless).
 */
final class EnvNames {

  /** Last segments that describe a secret (where it is, how long it lives) rather than hold it. */
  static final Set<String> METADATA_SUFFIXES = Set.of(
      "URL", "URI", "FILE", "PATH", "DIR", "ID", "IDS", "NAME", "TYPE", "SIZE", "LENGTH", "BITS", "TTL", "TIMEOUT",
      "EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME", "ENABLED", "DISABLED", "ENABLE", "DISABLE", "REQUIRED",
      "HEADER", "ALGORITHM", "ALG", "FINGERPRINT", "KEYSERVER", "SERVER", "HOST", "PORT", "USER", "USERNAME",
      "VERSION", "MODE", "METHOD", "FORMAT", "PREFIX", "ENDPOINT", "REGION", "LOCATION", "FIELD", "PARAM",
      "POLICY", "MIN", "MAX", "COUNT", "RETRIES", "ROUNDS", "ITERATIONS", "HASH", "SHA256", "SHA512", "CHECKSUM");

  private EnvNames() {}

  /**
   * Tells whether a name looks like it holds a secret, after the built-in allowlist.
   *
   * @param name a variable name, e.g. {@code DB_PASSWORD}
   * @return true when a non-empty value of it should be reported
   */
  static boolean looksSecret(String name) {
    List<String> segments = List.of(name.toUpperCase(Locale.ROOT).split("[_.\\-]+")).stream()
        .filter(s -> !s.isEmpty()).toList();
    if (segments.isEmpty() || METADATA_SUFFIXES.contains(segments.get(segments.size() - 1))) {
      return false;
    }
    boolean keyish = false;
    boolean publicKey = false;
    for (int i = 0; i < segments.size(); i++) {
      String s = segments.get(i);
      String next = i + 1 < segments.size() ? segments.get(i + 1) : "";
      if (s.endsWith("PASSWORD") || s.endsWith("PASSWD") || s.endsWith("PASSPHRASE") || s.endsWith("SECRET")
          || s.endsWith("TOKEN") || s.equals("CREDENTIALS") || s.equals("SECRETKEY") || s.equals("PRIVATEKEY")
          || (s.equals("PRIVATE") && next.equals("KEY")) || (s.equals("PWD") && i > 0)) {
        return true;
      }
      if (s.equals("APIKEY") || s.equals("ACCESSKEY") || (s.equals("API") && next.equals("KEY"))) {
        keyish = true;
      }
      if (s.contains("GPG") || s.contains("PGP") || s.equals("PUBKEY") || (s.equals("PUBLIC") && next.equals("KEY"))) {
        publicKey = true;
      }
    }
    if (segments.size() >= 2 && segments.get(segments.size() - 1).equals("KEY")) {
      keyish = true;
    }
    return keyish && !publicKey;
  }
}
