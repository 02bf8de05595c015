/**
 * Jazzer fuzz tests: each class has one {@code @FuzzTest} that feeds fuzzer input through one parser or
 * reader of untrusted content. In the normal build they replay their seed corpus (Jazzer's regression mode,
 * {@code src/test/resources/io/imagecheck/fuzz/<Class>Inputs/<method>/}); {@code mvn -Pfuzz} fuzzes them
 * (see SECURITY.md). A finding is any exception other than the reader's documented, typed ones, an
 * {@link java.lang.Error} such as {@code OutOfMemoryError} or {@code StackOverflowError}, or an input that
 * runs longer than the fuzzing timeout.
 */
@NullMarked
package io.imagecheck.fuzz;

import org.jspecify.annotations.NullMarked;
