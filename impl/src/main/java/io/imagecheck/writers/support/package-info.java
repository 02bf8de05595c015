/**
 * What the report formats share: the rule catalogue (titles, descriptions and help of every rule, from
 * the inspectors) and the package inventory read from a report's facts.
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, {@code io.imagecheck.inspectors}.
 */
@NullMarked
package io.imagecheck.writers.support;

import org.jspecify.annotations.NullMarked;
