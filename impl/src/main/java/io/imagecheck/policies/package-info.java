/**
 * Policies as imagecheck ships and reads them: {@link io.imagecheck.policies.Policies} holds the built-in
 * {@code hardened} (the default) and {@code baseline} (CIS Docker Benchmark image checks as warnings)
 * policies and loads policy files in YAML or JSON, with {@code extends} chains; a malformed file gives a
 * {@link io.imagecheck.policies.PolicyException} naming the file, the line and the field. The format is
 * documented in {@code docs/policy.md}.
 *
 * <p>Depends on: {@code io.imagecheck.policy}, {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}
 * (path globs), {@code io.imagecheck.internal.json} and Jackson's streaming parsers (JSON and YAML).
 */
@NullMarked
package io.imagecheck.policies;

import org.jspecify.annotations.NullMarked;
