package io.imagecheck.inspect;

import io.imagecheck.fs.ContentNeeds;
import java.io.IOException;
import java.util.List;

/**
 * A check of one property of an image (shells, package managers, users, ...). Inspectors are
 * independent and composable: each declares the file content it needs up front
 * ({@link #contentNeeds()}), which the scanner serves in its single pass over each layer, then
 * {@link #inspect(InspectionContext)} runs on the merged view.
 *
 * <p>Implementations must be thread-safe and hold no per-scan state: one instance serves concurrent
 * scans. Built-in inspectors are listed explicitly by the implementation; third-party inspectors may
 * be found with {@link java.util.ServiceLoader} when the caller opts in.
 */
public interface Inspector {

  /**
   * The stable id, used in policies and reports.
   *
   * @return e.g. {@code shell}
   */
  String id();

  /**
   * A one-sentence description of exactly what this inspector looks at.
   *
   * @return the description
   */
  String description();

  /**
   * The rules this inspector reports findings under.
   *
   * @return the rules, each with a stable id and default severity
   */
  List<Rule> rules();

  /**
   * The file content this inspector needs, declared before the layers are read.
   *
   * @return captures and visitors; {@link ContentNeeds#NONE} for metadata-only inspectors
   */
  default ContentNeeds contentNeeds() {
    return ContentNeeds.NONE;
  }

  /**
   * Inspects an image.
   *
   * @param context the image, its merged filesystem and the inspector's options
   * @return facts and findings
   * @throws IOException when content cannot be read; the scanner records an ERROR result
   */
  InspectorResult inspect(InspectionContext context) throws IOException;
}
