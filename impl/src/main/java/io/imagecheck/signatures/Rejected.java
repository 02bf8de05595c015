package io.imagecheck.signatures;

/** Internal: a verification step failed; the verifier turns it into a {@link VerificationResult}. */
final class Rejected extends Exception {

  private static final long serialVersionUID = 1L;

  /** The outcome the failure leads to. */
  private final VerificationResult.Outcome outcome;

  Rejected(VerificationResult.Outcome outcome, String message) {
    super(message, null, false, false);
    this.outcome = outcome;
  }

  static Rejected invalid(String message) {
    return new Rejected(VerificationResult.Outcome.INVALID, message);
  }

  VerificationResult.Outcome outcome() {
    return outcome;
  }
}
