/**
 * The JUnit XML report format ({@link io.imagecheck.writers.junit.JUnitXmlWriter}): a test suite per
 * inspector and a test case per rule, so CI systems show a scan next to the tests.
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, {@code io.imagecheck.policy},
 * {@code io.imagecheck.writers} (the rule catalogue), the JDK's {@code javax.xml.stream}.
 */
@NullMarked
package io.imagecheck.writers.junit;

import org.jspecify.annotations.NullMarked;
