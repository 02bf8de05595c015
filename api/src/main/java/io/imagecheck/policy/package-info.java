/**
 * Policies: which inspectors run, how their findings are rated (severity overrides, disabled rules),
 * which severity fails the scan, and waivers with reasons and expiry dates. A
 * {@link io.imagecheck.policy.Policy} is a value: built in code, or loaded from a YAML/JSON file by
 * the implementation ({@code io.imagecheck.policies.Policies} there also holds the built-in
 * {@code hardened} and {@code baseline} policies).
 *
 * <p>Depends on: {@code io.imagecheck.inspect}, {@code io.imagecheck.fs}.
 */
@NullMarked
package io.imagecheck.policy;

import org.jspecify.annotations.NullMarked;
