/**
 * Reader of Java archives (JAR, WAR, EAR, Jenkins plugins) and the archives nested in them (Spring
 * Boot {@code BOOT-INF/lib/*.jar}, {@code WEB-INF/lib/*.jar}, EAR modules): Maven
 * {@code pom.properties} files, and {@code META-INF/MANIFEST.MF} as a fallback.
 *
 * <p>Archives are read as streams with {@link java.util.zip.ZipInputStream}, nested ones straight
 * from their parent's stream: nothing is written to disk, and memory is bounded (one inflater and a
 * small buffer per nesting level, plus the metadata files, each capped). Depth, entry count and
 * inflated bytes are bounded by {@link io.imagecheck.inspectors.packages.java.JavaArchiveLimits}.
 *
 * <p>Depends on: {@code io.imagecheck.inspectors.packages} ({@code PackageUrl}, warnings, the
 * exception), {@code io.imagecheck.fs} ({@code ImagePaths}).
 */
@NullMarked
package io.imagecheck.inspectors.packages.java;

import org.jspecify.annotations.NullMarked;
