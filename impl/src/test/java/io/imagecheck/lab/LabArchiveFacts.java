package io.imagecheck.lab;

import io.imagecheck.image.Digest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts about one archive or {@code dir:} copy of a lab image, read back from the file that skopeo or
 * buildah wrote.
 *
 * @param file the file or directory name in the lab directory, e.g. {@code busybox.docker.tar}
 * @param image the lab image it is a copy of, e.g. {@code busybox}
 * @param format {@code oci-archive}, {@code docker-archive} or {@code dir}
 * @param references the archive's references: ref names of an oci-archive, {@code RepoTags} of a
 *     docker-archive (skopeo prefixes {@code docker.io/}); none for {@code dir}
 * @param manifestDigest the manifest digest (oci-archive: from its {@code index.json}; dir: the sha256 of
 *     its {@code manifest.json}); empty for a docker-archive, which stores no manifest
 * @param config the config: a file name in a docker-archive, a digest string in a dir, empty otherwise
 * @param layers the layer file names of a docker-archive, empty otherwise
 * @param signatures the {@code signature-N} files of a dir, empty otherwise
 */
public record LabArchiveFacts(
    String file,
    String image,
    String format,
    List<String> references,
    Optional<Digest> manifestDigest,
    Optional<String> config,
    List<String> layers,
    List<String> signatures) {

  /**
   * Checks the components and copies the lists.
   *
   * @param file the file or directory name
   * @param image the lab image it is a copy of
   * @param format the archive format
   * @param references the archive's references
   * @param manifestDigest the manifest digest
   * @param config the config file name or digest
   * @param layers the layer file names
   * @param signatures the signature files
   */
  public LabArchiveFacts {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(config, "config");
    references = List.copyOf(references);
    layers = List.copyOf(layers);
    signatures = List.copyOf(signatures);
  }
}
