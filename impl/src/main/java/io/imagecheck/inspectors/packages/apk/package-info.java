/**
 * Reader of the apk installed-package database ({@code /lib/apk/db/installed}) of Alpine, Wolfi and
 * other apk-based images.
 *
 * <p>The format is line-oriented and apk, syft and trivy read it leniently; so does this reader: a
 * broken stanza is skipped and a {@link io.imagecheck.inspectors.packages.PackageDatabaseWarning}
 * recorded, the other stanzas are still read.
 *
 * <p>Depends on: {@code io.imagecheck.inspectors.packages} ({@code PackageUrl}, warnings).
 */
@NullMarked
package io.imagecheck.inspectors.packages.apk;

import org.jspecify.annotations.NullMarked;
