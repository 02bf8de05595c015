package io.imagecheck.lab;

import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tools report about one layer of a lab image: its descriptor, its uncompressed form (made by
 * {@code gzip -d} or {@code zstd -d}) and GNU tar's listing of it.
 *
 * @param index the layer's position in the manifest, 0 for the bottom layer
 * @param digest the digest of the blob as stored (checked with {@code sha256sum})
 * @param mediaType the layer media type from the manifest
 * @param size the blob's size in bytes
 * @param diffId the diff_id the config lists for this layer
 * @param uncompressedSize the size of the uncompressed tar in bytes
 * @param uncompressedDigest the sha256 of the uncompressed tar
 * @param diffIdVerified whether {@code uncompressedDigest} equals {@code diffId}
 * @param entries the number of entries GNU tar listed
 * @param whiteouts the number of {@code .wh.<name>} entries (opaque markers not counted)
 * @param opaqueDirs the names of the {@code .wh..wh..opq} entries
 * @param firstEntry the name of the first entry, empty for an empty tar
 * @param tarEofMarker whether the tar ends with the two zero blocks of a complete archive (umoci 0.4.7's
 *     {@code insert} omits them)
 * @param gnuTarExitCode GNU tar's exit code when listing (2 when the missing end blocks leave the last
 *     file's data unpadded)
 * @param gnuTarErrors the first lines GNU tar wrote to stderr, if any
 * @param listing the name of the listing file in the lab directory, {@code <image>.layer<index>.tsv}
 */
public record LabLayerFacts(
    int index,
    Digest digest,
    MediaType mediaType,
    long size,
    Digest diffId,
    long uncompressedSize,
    Digest uncompressedDigest,
    boolean diffIdVerified,
    int entries,
    int whiteouts,
    List<String> opaqueDirs,
    Optional<String> firstEntry,
    boolean tarEofMarker,
    int gnuTarExitCode,
    List<String> gnuTarErrors,
    String listing) {

  /**
   * Checks the components and copies the lists.
   *
   * @param index the layer's position in the manifest
   * @param digest the digest of the blob as stored
   * @param mediaType the layer media type
   * @param size the blob's size in bytes
   * @param diffId the diff_id the config lists for this layer
   * @param uncompressedSize the size of the uncompressed tar
   * @param uncompressedDigest the sha256 of the uncompressed tar
   * @param diffIdVerified whether the uncompressed digest equals the diff_id
   * @param entries the number of tar entries
   * @param whiteouts the number of whiteout entries
   * @param opaqueDirs the names of the opaque markers
   * @param firstEntry the name of the first entry
   * @param tarEofMarker whether the tar has its end-of-archive blocks
   * @param gnuTarExitCode GNU tar's exit code when listing
   * @param gnuTarErrors GNU tar's first stderr lines
   * @param listing the name of the listing file
   */
  public LabLayerFacts {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(uncompressedDigest, "uncompressedDigest");
    Objects.requireNonNull(firstEntry, "firstEntry");
    Objects.requireNonNull(listing, "listing");
    opaqueDirs = List.copyOf(opaqueDirs);
    gnuTarErrors = List.copyOf(gnuTarErrors);
    if (index < 0 || size < 0 || uncompressedSize < 0 || entries < 0 || whiteouts < 0) {
      throw new IllegalArgumentException("negative count in layer facts of " + digest);
    }
  }
}
