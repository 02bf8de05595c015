package io.imagecheck.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the library's log records ({@code System.Logger}, backed by java.util.logging) to stderr as
 * one short line each: {@code imagecheck: warning: <message>}. Without {@code --debug} only warnings
 * and errors are shown; with it the {@code io.imagecheck} loggers are set to DEBUG ({@link Level#FINE})
 * and a logged exception's stack trace follows its line. Nothing ever goes to stdout, and the JUL
 * default two-line console format is not used for these loggers.
 *
 * <p>{@link #install(PrintStream, boolean)} replaces any earlier installation and {@link #close()}
 * undoes it, so that in-process runs ({@link Main#run}) do not pile up handlers.
 */
final class StderrLogging implements AutoCloseable {

  /** Held strongly: JUL keeps loggers weakly, and a collected logger would lose this configuration. */
  private static final Logger ROOT = Logger.getLogger("io.imagecheck");

  private final Handler handler;
  private final Level previousLevel;
  private final boolean previousUseParentHandlers;

  private StderrLogging(Handler handler, Level previousLevel, boolean previousUseParentHandlers) {
    this.handler = handler;
    this.previousLevel = previousLevel;
    this.previousUseParentHandlers = previousUseParentHandlers;
  }

  /**
   * Sends the {@code io.imagecheck} loggers to a stream.
   *
   * @param err the stream (stderr)
   * @param debug whether to show DEBUG records and stack traces
   * @return the installation; close it to undo
   */
  static StderrLogging install(PrintStream err, boolean debug) {
    synchronized (ROOT) {
      for (Handler h : ROOT.getHandlers()) {
        if (h instanceof LineHandler) {
          ROOT.removeHandler(h);
        }
      }
      Level level = debug ? Level.FINE : Level.WARNING;
      LineHandler handler = new LineHandler(err, debug);
      handler.setLevel(level);
      StderrLogging installed = new StderrLogging(handler, ROOT.getLevel(), ROOT.getUseParentHandlers());
      ROOT.setLevel(level);
      ROOT.setUseParentHandlers(false);
      ROOT.addHandler(handler);
      return installed;
    }
  }

  /** Removes the handler and restores the logger's level and parent handlers. */
  @Override
  public void close() {
    synchronized (ROOT) {
      handler.flush();
      ROOT.removeHandler(handler);
      ROOT.setLevel(previousLevel);
      ROOT.setUseParentHandlers(previousUseParentHandlers);
    }
  }

  /** Writes each record as one escaped line. */
  private static final class LineHandler extends Handler {
    private final PrintStream err;
    private final boolean debug;

    LineHandler(PrintStream err, boolean debug) {
      this.err = err;
      this.debug = debug;
      setFormatter(new LineFormatter());
    }

    @Override
    public void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      String line = getFormatter().format(record);
      synchronized (err) {
        err.println(line);
        if (debug && record.getThrown() != null) {
          record.getThrown().printStackTrace(err);
        }
      }
    }

    @Override
    public void flush() {
      err.flush();
    }

    @Override
    public void close() {
      flush();
    }
  }

  /** {@code imagecheck: warning: message}, with the logger's simple name at DEBUG. */
  private static final class LineFormatter extends Formatter {
    @Override
    public String format(LogRecord record) {
      String message = Terminal.escape(formatMessage(record));
      Level level = record.getLevel();
      String name;
      if (level.intValue() >= Level.SEVERE.intValue()) {
        name = "error";
      } else if (level.intValue() >= Level.WARNING.intValue()) {
        name = "warning";
      } else if (level.intValue() >= Level.INFO.intValue()) {
        name = "info";
      } else if (level.intValue() >= Level.FINE.intValue()) {
        name = "debug";
      } else {
        name = "trace";
      }
      if (level.intValue() < Level.INFO.intValue() && record.getLoggerName() != null) {
        String logger = record.getLoggerName();
        return "imagecheck: " + name + ": " + logger.substring(logger.lastIndexOf('.') + 1) + ": " + message;
      }
      return "imagecheck: " + name + ": " + message;
    }
  }
}
