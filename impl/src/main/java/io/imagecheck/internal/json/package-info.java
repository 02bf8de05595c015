/**
 * JSON: the one place Jackson mappers are created ({@link io.imagecheck.internal.json.Json}), with
 * nesting-depth limits and duplicate-key detection, and the parsers of the image documents
 * (manifests, indexes, configs) into the api records.
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.source}; Jackson.
 */
@NullMarked
package io.imagecheck.internal.json;

import org.jspecify.annotations.NullMarked;
