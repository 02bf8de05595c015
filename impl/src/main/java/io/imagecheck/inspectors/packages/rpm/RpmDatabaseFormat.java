package io.imagecheck.inspectors.packages.rpm;

/**
 * The on-disk formats ("backends") of rpm's package database.
 *
 * <p>Immutable and thread-safe (an enum).
 */
public enum RpmDatabaseFormat {
  /**
   * SQLite 3, {@code rpmdb.sqlite}: rpm 4.16 and later (Fedora 33+, RHEL 9, CBL-Mariner, Amazon Linux
   * 2023). rpm runs it in WAL mode; only the main file is read, never {@code rpmdb.sqlite-wal}, which
   * rpm empties (checkpoints) when it closes the database.
   */
  SQLITE("rpmdb.sqlite"),
  /** Berkeley DB hash, {@code Packages}: rpm before 4.16 (RHEL 5 to 8, CentOS, Amazon Linux 2, older SUSE). */
  BERKELEY_DB("Packages"),
  /** rpm's own "NDB" format, {@code Packages.db}: SUSE Linux Enterprise 15 SP3+ and openSUSE. */
  NDB("Packages.db");

  private final String fileName;

  RpmDatabaseFormat(String fileName) {
    this.fileName = fileName;
  }

  /**
   * The name rpm gives the file that holds the package headers in this format.
   *
   * @return e.g. {@code rpmdb.sqlite}
   */
  public String fileName() {
    return fileName;
  }
}
