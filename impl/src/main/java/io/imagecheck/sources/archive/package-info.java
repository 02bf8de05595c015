/**
 * Tar-based sources: {@code docker-archive:} (every {@code docker save} flavour: legacy, Docker 25+
 * OCI hybrid, kaniko tars with gzip layers, multi-image tars, gzip-compressed archives) and the
 * random-access tar reading that {@code oci-archive:} shares.
 *
 * <p>Archive members are looked up by name inside the archive only; member names and symlinks that
 * would leave the archive are refused. Nothing is extracted to the host.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source},
 * {@code io.imagecheck.internal.*}; commons-compress.
 */
@NullMarked
package io.imagecheck.sources.archive;

import org.jspecify.annotations.NullMarked;
