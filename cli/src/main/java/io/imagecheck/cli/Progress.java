package io.imagecheck.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress display on stderr, shown only when stderr is an interactive terminal, so that
 * piped or redirected output never contains progress noise. Each update overwrites the previous one
 * ({@code \r} then "erase to end of line"); {@link #clear()} removes it before a command prints its
 * result.
 *
 * <p>Updates are throttled to one per {@value #INTERVAL_MILLIS} ms, so a loop over many layers or
 * files can call {@link #update(String)} on every step. Messages are escaped with
 * {@link Terminal#escape(CharSequence)} and cut to {@value #WIDTH} columns.
 *
 * <p>Not thread-safe: one command drives it from one thread.
 */
public final class Progress {

  /** The shortest time between two updates that are drawn. */
  static final long INTERVAL_MILLIS = 100;
  /** The widest line drawn, in characters (fits an 80-column terminal without wrapping). */
  static final int WIDTH = 79;

  private static final String ERASE_TO_END_OF_LINE = "\u001b[K";

  private final PrintStream err;
  private final boolean enabled;
  private long lastDrawn = Long.MIN_VALUE;
  private boolean shown;

  private Progress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /**
   * A display on stderr.
   *
   * @param err the standard error stream
   * @param interactive whether stderr is an interactive terminal; when false nothing is ever written
   * @return the display
   */
  public static Progress on(PrintStream err, boolean interactive) {
    return new Progress(Objects.requireNonNull(err, "err"), interactive);
  }

  /**
   * A display that never writes anything (for tests and non-interactive runs).
   *
   * @return a disabled display
   */
  public static Progress disabled() {
    return new Progress(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), false);
  }

  /**
   * Tells whether updates are drawn.
   *
   * @return true when stderr is an interactive terminal
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Shows a message in place of the previous one, unless the previous one was drawn less than
   * {@value #INTERVAL_MILLIS} ms ago.
   *
   * @param message e.g. {@code reading layer 3 of 14}
   */
  public void update(String message) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (shown && now - lastDrawn < TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS)) {
      return;
    }
    String line = Terminal.truncate(Terminal.escape(message), WIDTH);
    err.print("\r" + line + ERASE_TO_END_OF_LINE);
    err.flush();
    lastDrawn = now;
    shown = true;
  }

  /** Removes the progress line, if one is shown, so that the next output starts on a clean line. */
  public void clear() {
    if (enabled && shown) {
      err.print("\r" + ERASE_TO_END_OF_LINE);
      err.flush();
      shown = false;
    }
  }
}
