package io.imagecheck.signatures;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of verifying one attachment, with evidence (signer key fingerprint or certificate
 * identity and issuer, log index, integrated time, which digest was signed).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param outcome what was concluded
 * @param kind what the attachment is: {@code signature}, {@code attestation}, {@code statement}
 * @param where where the attachment was found
 * @param message a one-line explanation
 * @param evidence supporting details, sorted by key
 * @param statement the in-toto statement JSON of an attestation whose signature was checked (present
 *     for VERIFIED attestations and unsigned statements)
 */
public record VerificationResult(Outcome outcome, String kind, String where, String message,
    Map<String, String> evidence, Optional<String> statement) {

  /** What a verification concluded. */
  public enum Outcome {
    /** Signed by a trusted key or identity, over this image, with the required log entry. */
    VERIFIED,
    /** A signature that does not verify, covers another image, or lacks the required log entry. */
    INVALID,
    /** A valid signature by a signer the options do not trust. */
    UNTRUSTED_IDENTITY,
    /** Not signed at all (a BuildKit attestation). */
    UNSIGNED,
    /** Not a signature or attestation (another kind of attachment). */
    NOT_A_SIGNATURE
  }

  /**
   * Checks the components and copies the evidence.
   *
   * @param outcome the outcome
   * @param kind the attachment kind
   * @param where where it was found
   * @param message the explanation
   * @param evidence supporting details
   * @param statement the statement JSON, if any
   */
  public VerificationResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(message, "message");
    evidence = Collections.unmodifiableMap(new TreeMap<>(evidence));
    Objects.requireNonNull(statement, "statement");
  }

  /**
   * Tells whether the attachment verified.
   *
   * @return true for {@link Outcome#VERIFIED}
   */
  public boolean verified() {
    return outcome == Outcome.VERIFIED;
  }
}
