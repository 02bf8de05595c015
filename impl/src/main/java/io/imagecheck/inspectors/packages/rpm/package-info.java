/**
 * Pure-Java readers of installed-package databases written by rpm, in all three on-disk formats:
 * SQLite ({@code rpmdb.sqlite}, rpm 4.16 and later), Berkeley DB hash ({@code Packages}, rpm before
 * 4.16) and NDB ({@code Packages.db}, SUSE). Entry point: {@link
 * io.imagecheck.inspectors.packages.rpm.RpmDatabases}; result: {@link
 * io.imagecheck.inspectors.packages.rpm.RpmPackage}.
 *
 * <p>Each format has its own package-private class: {@code SqliteFile}, {@code SqliteBtree} and
 * {@code SqliteRecord} implement the documented SQLite 3 file format (only what is needed to read a
 * rowid table); {@code BerkeleyHashDatabase} reads the values of a Berkeley DB hash file; {@code
 * NdbDatabase} reads the blob slots of rpm's NDB; {@code RpmHeaderParser} decodes the header blob that
 * every backend stores per package. No native library, no temporary file: everything works on the
 * byte array captured from the image, and every offset, count and page pointer read from it is checked
 * before use, so malformed input ends in a {@link
 * io.imagecheck.inspectors.packages.PackageDatabaseException}.
 *
 * <p>Depends on: {@code io.imagecheck.inspectors.packages} (the exception) and the JDK.
 */
@NullMarked
package io.imagecheck.inspectors.packages.rpm;

import org.jspecify.annotations.NullMarked;
