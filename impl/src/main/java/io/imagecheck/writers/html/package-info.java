/**
 * The HTML report format ({@link io.imagecheck.writers.html.HtmlWriter}): one self-contained page with the
 * verdict, a layer chart, package counts and a filterable findings table, safe against hostile strings
 * from the image.
 *
 * <p>Depends on: {@code io.imagecheck.report}, {@code io.imagecheck.inspect}, {@code io.imagecheck.fs},
 * {@code io.imagecheck.image}, {@code io.imagecheck.writers} (rule catalogue, package inventory), Jackson's
 * streaming generator.
 */
@NullMarked
package io.imagecheck.writers.html;

import org.jspecify.annotations.NullMarked;
