package io.imagecheck.cli;

/**
 * The exit codes of every {@code imagecheck} command. Scripts can rely on them: they are part of the
 * command line's contract.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum ExitCode {

  /** The command did what was asked (for checking commands: and the image passed). */
  OK(0),
  /** A checking command ran and the image failed the policy (used by {@code scan}, {@code verify}, {@code test}). */
  POLICY_FAILURE(1),
  /** {@code diff} found differences between the two images (as {@code diff(1)} exits 1). */
  DIFFERENT(1),
  /**
   * The command could not do its job: the source could not be opened or read, the command line was
   * wrong, or a result is incomplete. The one-line message on stderr says which.
   */
  ERROR(2);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /**
   * The process exit status.
   *
   * @return 0, 1 or 2
   */
  public int code() {
    return code;
  }
}
