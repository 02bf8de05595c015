package io.imagecheck.inspectors.secrets;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Random;

/**
 * Secret-shaped test values made at run time from a seeded generator, so that no key or token is
 * committed to the repository (and secret scanners of the repository stay quiet).
 */
final class TestSecrets {

  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B64 = ALNUM + "+/";

  private TestSecrets() {}

  /**
   * A real RSA private key (PKCS#8 DER) as a PEM block with the given label.
   *
   * @param label e.g. {@code PRIVATE KEY} or {@code RSA PRIVATE KEY}
   * @return the PEM text, with a final line break
   */
  static String rsaPem(String label) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
      seeded.setSeed(42);
      g.initialize(1024, seeded);
      byte[] der = g.generateKeyPair().getPrivate().getEncoded();
      return pem(label, der);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A PEM block over seeded random bytes.
   *
   * @param label the label
   * @param bytes how many bytes in the body
   * @return the PEM text
   */
  static String randomPem(String label, int bytes) {
    byte[] body = new byte[bytes];
    new Random(bytes).nextBytes(body);
    return pem(label, body);
  }

  static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /**
   * Random characters from an alphabet.
   *
   * @param seed the seed
   * @param n how many
   * @param alphabet the characters
   * @return the string
   */
  static String random(long seed, int n, String alphabet) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** A GitHub personal access token shape: {@code ghp_} and 36 characters. */
  static String githubToken() {
    return "ghp" + "_" + random(1, 36, ALNUM);
  }

  /** An AWS access key id shape: {@code AKIA} and 16 characters. */
  static String awsKeyId() {
    return "AK" + "IA" + random(2, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
  }

  /** An AWS secret access key shape: 40 base64 characters with upper, lower case and digits. */
  static String awsSecret() {
    return "Ab1" + random(3, 37, B64);
  }

  /** A Slack bot token shape. */
  static String slackToken() {
    return "xox" + "b-" + random(4, 11, "0123456789") + "-" + random(5, 13, "0123456789") + "-" + random(6, 24, ALNUM);
  }

  /** A long random password. */
  static String password() {
    return random(7, 24, ALNUM);
  }
}
