package io.imagecheck.sources.registry;

import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.Layer;
import io.imagecheck.source.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What must be equal between an image read from a registry and the same image read from its local
 * layout: the platform, the config digest, the diff_ids and every layer's file list (read through the
 * verified uncompressed streams). Manifest and layer digests may differ (format conversion, recompression).
 *
 * @param platform the image's platform
 * @param config the config digest
 * @param diffIds the diff_ids
 * @param files the entry names of each layer, in tar order
 */
record ImageFacts(String platform, Digest config, List<Digest> diffIds, List<List<String>> files) {

  static ImageFacts of(Image image) throws IOException {
    List<List<String>> files = new ArrayList<>();
    for (Layer l : image.layers()) {
      List<String> names = new ArrayList<>();
      try (InputStream in = l.openUncompressed(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
        try {
          TarArchiveEntry e;
          while ((e = tar.getNextEntry()) != null) {
            names.add(e.getName());
          }
        } catch (IOException e) {
          // umoci 0.4.7 writes layers without the tar end-of-archive blocks (umoci issue #436): the
          // last entry is complete, only the padding is missing. Any other failure is real.
          if (!String.valueOf(e.getMessage()).contains("Truncated TAR archive") || names.isEmpty()) {
            throw e;
          }
        }
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      files.add(names);
    }
    return new ImageFacts(image.platform().map(Object::toString).orElse("?"), image.manifest().config().digest(),
        image.config().diffIds(), files);
  }

  static List<ImageFacts> all(ImageSource source) throws IOException {
    List<ImageFacts> out = new ArrayList<>();
    for (Image i : source.images()) {
      out.add(of(i));
    }
    return out;
  }
}
