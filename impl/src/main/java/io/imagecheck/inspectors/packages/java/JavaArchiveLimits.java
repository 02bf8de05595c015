package io.imagecheck.inspectors.packages.java;

/**
 * Bounds on reading one Java archive and the archives nested in it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param maxDepth how deep nested archives are opened: the archive itself is depth 0, a
 *     {@code BOOT-INF/lib/x.jar} inside it depth 1; deeper archives are listed in a warning, not
 *     opened
 * @param maxEntries the most zip entries read, all levels together; reading stops there, with a
 *     warning
 * @param maxInflatedBytes the most bytes inflated, all levels together (bytes of a nested archive
 *     count at its level and at each level around it); reading stops there, with a warning. This
 *     bounds the CPU a zip bomb can cost, since skipping an entry in a zip stream means inflating it
 * @param maxMetadataBytes the largest {@code pom.properties} or {@code MANIFEST.MF} read; larger
 *     ones are skipped with a warning
 */
public record JavaArchiveLimits(
    int maxDepth, long maxEntries, long maxInflatedBytes, int maxMetadataBytes) {

  /**
   * Checks the components.
   *
   * @param maxDepth the deepest nesting level opened
   * @param maxEntries the most zip entries read
   * @param maxInflatedBytes the most bytes inflated
   * @param maxMetadataBytes the largest metadata file read
   * @throws IllegalArgumentException when a bound is negative
   */
  public JavaArchiveLimits {
    if (maxDepth < 0 || maxEntries < 0 || maxInflatedBytes < 0 || maxMetadataBytes < 0) {
      throw new IllegalArgumentException(
          "negative Java archive limit: depth " + maxDepth + ", entries " + maxEntries
              + ", inflated bytes " + maxInflatedBytes + ", metadata bytes " + maxMetadataBytes);
    }
  }

  /**
   * The defaults: depth 4, 1,000,000 entries, 2 GiB inflated, 1 MiB per metadata file.
   *
   * @return the default limits
   */
  public static JavaArchiveLimits defaults() {
    return new JavaArchiveLimits(4, 1_000_000, 2L << 30, 1 << 20);
  }
}
