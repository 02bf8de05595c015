package io.imagecheck.inspectors.packages.rpm;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads rpm package databases in any of their three formats (SQLite, Berkeley DB hash, NDB) from the
 * bytes of the database file, without native code and without writing anything to disk.
 *
 * <pre>{@code
 * List<RpmPackage> installed = RpmDatabases.read(RpmDatabases.VAR_LIB_RPM_SQLITE, bytes);
 * }</pre>
 *
 * <p>The caller reads the file out of the image and bounds its size; everything inside it is checked
 * before use. Only the main file is read: the indexes rpm keeps beside it are not needed, and for
 * SQLite any {@code -wal} file is ignored (see {@link RpmDatabaseFormat#SQLITE}).
 *
 * <p>Thread-safe (stateless).
 */
public final class RpmDatabases {
  /** The SQLite database of rpm 4.16 and later. */
  public static final String VAR_LIB_RPM_SQLITE = "/var/lib/rpm/rpmdb.sqlite";
  /** The Berkeley DB database of rpm before 4.16. */
  public static final String VAR_LIB_RPM_BERKELEY_DB = "/var/lib/rpm/Packages";
  /** The NDB database of SUSE. */
  public static final String VAR_LIB_RPM_NDB = "/var/lib/rpm/Packages.db";
  /**
   * The SQLite database where Fedora 36+ and openSUSE keep it ({@code /var/lib/rpm} is then often a
   * symlink to this directory).
   */
  public static final String SYSIMAGE_SQLITE = "/usr/lib/sysimage/rpm/rpmdb.sqlite";
  /** The NDB database where SUSE keeps it. */
  public static final String SYSIMAGE_NDB = "/usr/lib/sysimage/rpm/Packages.db";
  /** The Berkeley DB database where openSUSE kept it before switching to NDB. */
  public static final String SYSIMAGE_BERKELEY_DB = "/usr/lib/sysimage/rpm/Packages";

  /**
   * The conventional locations of the package database, in the order to try them: the newest format
   * first, and the {@code /usr/lib/sysimage} location before {@code /var/lib}.
   */
  public static final List<String> LOCATIONS = List.of(
      SYSIMAGE_SQLITE, VAR_LIB_RPM_SQLITE, SYSIMAGE_NDB, VAR_LIB_RPM_NDB, SYSIMAGE_BERKELEY_DB,
      VAR_LIB_RPM_BERKELEY_DB);

  private static final System.Logger LOG = System.getLogger(RpmDatabases.class.getName());
  private static final String PACKAGES_TABLE = "Packages";

  private RpmDatabases() {}

  /**
   * Tells the format of a database file from its first bytes.
   *
   * @param content the file's bytes, or at least its first 16
   * @return the format, or empty when no known magic number is there
   */
  public static Optional<RpmDatabaseFormat> detect(byte[] content) {
    Objects.requireNonNull(content, "content");
    ByteView head = ByteView.of("-", "file", content, false);
    if (head.startsWith(0, SqliteFile.MAGIC)) {
      return Optional.of(RpmDatabaseFormat.SQLITE);
    }
    if (head.startsWith(0, NdbDatabase.MAGIC)) {
      return Optional.of(RpmDatabaseFormat.NDB);
    }
    if (BerkeleyHashDatabase.hasMagic(content)) {
      return Optional.of(RpmDatabaseFormat.BERKELEY_DB);
    }
    return Optional.empty();
  }

  /**
   * Reads every installed package from an rpm database file. The format comes from the file's magic
   * number; its name is only used to explain a mismatch.
   *
   * @param pathInImage the file's path inside the image, e.g. {@link #VAR_LIB_RPM_SQLITE}; used in
   *     messages
   * @param content the file's bytes (not modified, not kept)
   * @return the packages in database order: rowid ({@code hnum}) order for SQLite, page order for
   *     Berkeley DB, slot order for NDB
   * @throws PackageDatabaseException when the file is not an rpm database or any part of it, down to
   *     a single header, is malformed
   */
  public static List<RpmPackage> read(String pathInImage, byte[] content) throws PackageDatabaseException {
    Objects.requireNonNull(pathInImage, "pathInImage");
    Objects.requireNonNull(content, "content");
    Optional<RpmDatabaseFormat> format = detect(content);
    if (format.isEmpty()) {
      throw new PackageDatabaseException(pathInImage, unknownFormat(pathInImage, content));
    }
    List<ByteView> blobs = switch (format.get()) {
      case SQLITE -> sqliteBlobs(pathInImage, content);
      case BERKELEY_DB -> BerkeleyHashDatabase.read(pathInImage, content);
      case NDB -> NdbDatabase.read(pathInImage, content);
    };
    List<RpmPackage> packages = new ArrayList<>(blobs.size());
    for (ByteView blob : blobs) {
      packages.add(RpmHeaderParser.parse(blob));
    }
    LOG.log(System.Logger.Level.DEBUG, "{0}: {1} database with {2} packages", pathInImage, format.get(),
        packages.size());
    return List.copyOf(packages);
  }

  /** rpm's SQLite schema: {@code Packages(hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)}. */
  private static List<ByteView> sqliteBlobs(String path, byte[] content) throws PackageDatabaseException {
    SqliteFile file = SqliteFile.open(path, content);
    List<ByteView> blobs = new ArrayList<>();
    for (SqliteBtree.Row row : file.tableRows(PACKAGES_TABLE)) {
      // hnum is the rowid itself (an INTEGER PRIMARY KEY is stored as NULL in the record); the blob
      // is the second column.
      SqliteRecord record = SqliteRecord.decode(row.payload(), file.textEncoding());
      ByteView blob = record.blob(1, "header " + row.rowid());
      if (blob == null) {
        throw row.payload().error("has a NULL blob");
      }
      blobs.add(blob);
    }
    return blobs;
  }

  private static String unknownFormat(String path, byte[] content) {
    if (content.length == 0) {
      return "is empty, expected an rpm database";
    }
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    String expected = "";
    for (RpmDatabaseFormat f : RpmDatabaseFormat.values()) {
      if (f.fileName().equals(fileName)) {
        expected = " (its name suggests " + f + ")";
      }
    }
    return "is not an rpm database" + expected + ": none of the SQLite 3, NDB (\"RpmP\") or Berkeley DB hash"
        + " magic numbers is at its start";
  }
}
