package io.imagecheck.cli;

/**
 * The output formats a command can write with {@code --format}.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum OutputFormat {
  /** Human text: short digests, layers and history steps counted from 1, escaped for terminals. */
  TEXT,
  /** JSON: camelCase fields, full digests, a {@code schemaVersion}; documented per command. */
  JSON
}
