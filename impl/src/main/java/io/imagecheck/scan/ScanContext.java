package io.imagecheck.scan;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.inspect.InspectionContext;
import java.util.Map;

/**
 * The context one inspector sees during a scan.
 *
 * @param image the image
 * @param fileSystem the merged view
 * @param options the inspector's options from the policy
 */
record ScanContext(Image image, FileSystemView fileSystem, Map<String, Object> options) implements InspectionContext {}
