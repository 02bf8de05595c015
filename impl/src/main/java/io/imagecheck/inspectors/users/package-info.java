/**
 * The {@code user} inspector: the user a container runs as (root or not, known to
 * {@code /etc/passwd} or not) and the account files' hygiene (extra uid-0 accounts, empty passwords,
 * duplicate ids), with a tolerant parser of {@code /etc/passwd}, {@code /etc/group} and
 * {@code /etc/shadow}.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}, {@code io.imagecheck.image}.
 */
@NullMarked
package io.imagecheck.inspectors.users;

import org.jspecify.annotations.NullMarked;
