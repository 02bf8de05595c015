package io.imagecheck.scan;

/**
 * The version of imagecheck, from the jar manifest ({@code Implementation-Version}), or
 * {@code development} when running from classes.
 *
 * <p>Thread-safe.
 */
public final class ToolVersion {

  private ToolVersion() {}

  /**
   * The version string.
   *
   * @return e.g. {@code 0.1.0-SNAPSHOT}
   */
  public static String get() {
    String v = ToolVersion.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
