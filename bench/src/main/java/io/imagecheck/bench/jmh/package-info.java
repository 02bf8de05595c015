/**
 * JMH microbenchmarks of the scan's hot paths: the hashing streams, the tar walk that builds a view,
 * and package database parsing (the merge's insertion benchmark is
 * {@code io.imagecheck.internal.fs.MergerBenchmark}, in the merger's package). The stubs JMH runs are
 * generated from these classes at compile time by JMH's annotation processor.
 *
 * <pre>
 * java -cp bench/target/imagecheck-bench.jar org.openjdk.jmh.Main [REGEX] [-f 1 -wi 3 -i 5]
 * </pre>
 *
 * <p>Depends on: the imagecheck library, {@code io.imagecheck.testimage} (fixtures built in memory), JMH.
 */
@NullMarked
package io.imagecheck.bench.jmh;

import org.jspecify.annotations.NullMarked;
