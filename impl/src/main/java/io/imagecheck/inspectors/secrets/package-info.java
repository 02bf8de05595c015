/**
 * The {@code secrets} inspector: private keys, credential files and high-confidence tokens in the
 * files of every layer (a secret deleted by a later layer is still shipped), and config environment
 * variables and build arguments whose names look secret. Values are never reported: findings and
 * facts carry a masked hint only.
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}, {@code io.imagecheck.image},
 * {@code io.imagecheck.internal.json} (to read {@code .docker/config.json}),
 * {@code io.imagecheck.inspectors.history}, {@code io.imagecheck.cache} (its visitor's cache codec).
 */
@NullMarked
package io.imagecheck.inspectors.secrets;

import org.jspecify.annotations.NullMarked;
