/**
 * Readers of the dpkg database: {@code /var/lib/dpkg/status}, the distroless per-package
 * {@code /var/lib/dpkg/status.d/*} files, the OpenWrt opkg status file (same stanza format), and the
 * {@code /var/lib/dpkg/info/*.list} file lists.
 *
 * <p>The status formats are line-oriented, and dpkg, syft and trivy read them leniently; so do these
 * readers: a broken stanza is skipped and a {@link io.imagecheck.inspectors.packages.PackageDatabaseWarning}
 * recorded, the other stanzas are still read.
 *
 * <p>Depends on: {@code io.imagecheck.inspectors.packages} ({@code PackageUrl}, warnings),
 * {@code io.imagecheck.fs} ({@code ImagePaths}).
 */
@NullMarked
package io.imagecheck.inspectors.packages.dpkg;

import org.jspecify.annotations.NullMarked;
