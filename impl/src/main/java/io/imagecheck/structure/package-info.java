/**
 * Structure tests without a container runtime: reads container-structure-test configs (schema version
 * 2.0.0, YAML or JSON) and runs every test that needs no running container against an image's merged
 * filesystem and config, with container-structure-test's field semantics.
 *
 * <ul>
 *   <li>{@link io.imagecheck.structure.StructureTestConfig#load(java.nio.file.Path)} reads a config; every
 *       unknown field is an error naming the file, line and field.
 *   <li>{@link io.imagecheck.structure.StructureTestRunner} runs {@code fileExistenceTests},
 *       {@code fileContentTests}, {@code metadataTest} and {@code licenseTests}; {@code commandTests} are
 *       reported as skipped, with the reason. The result is a {@link io.imagecheck.report.Report} with one
 *       result per test, so every report writer applies.
 *   <li>{@link io.imagecheck.structure.StructureTestWriters} writes such a report the way
 *       container-structure-test users read it: text ({@code === RUN} / {@code --- PASS}) and JUnit XML
 *       with one test case per test.
 * </ul>
 *
 * <p>Depends on: {@code io.imagecheck.image}, {@code io.imagecheck.fs}, {@code io.imagecheck.inspect},
 * {@code io.imagecheck.policy}, {@code io.imagecheck.report}, {@code io.imagecheck.filesystems},
 * {@code io.imagecheck.scan} (image identity, tool version), {@code io.imagecheck.internal.json}.
 */
@NullMarked
package io.imagecheck.structure;

import org.jspecify.annotations.NullMarked;
