package io.imagecheck.scan;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.source.ImageSource;
import java.util.Map;
import java.util.Optional;

/**
 * The context one inspector sees during a scan.
 *
 * @param image the image
 * @param fileSystem the merged view
 * @param options the inspector's options from the policy
 * @param imageSource the source the image came from, if the scan was given one
 */
record ScanContext(Image image, FileSystemView fileSystem, Map<String, Object> options,
    Optional<ImageSource> imageSource) implements InspectionContext {
}
