/**
 * The {@code permissions} inspector: setuid and setgid files, file capabilities
 * ({@code security.capability} extended attributes, decoded from the Linux VFS capability structure)
 * and world-writable files and directories.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}.
 */
@NullMarked
package io.imagecheck.inspectors.permissions;

import org.jspecify.annotations.NullMarked;
