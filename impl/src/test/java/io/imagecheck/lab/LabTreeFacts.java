package io.imagecheck.lab;

import java.util.Objects;

/**
 * Counts of a lab image's merged filesystem and where its full listing is.
 *
 * @param listing the listing file's name in the lab directory, {@code <image>.tree.tsv}
 * @param madeBy how the tree was made, e.g. {@code umoci raw unpack + find}; images whose diff_ids equal
 *     an earlier image's share that image's listing, and say so here
 * @param entries the number of entries, the root {@code /} included
 * @param regularFiles the number of regular files (hard links included)
 * @param directories the number of directories, the root included
 * @param symlinks the number of symbolic links
 * @param charDevices the number of character devices
 */
public record LabTreeFacts(
    String listing, String madeBy, int entries, int regularFiles, int directories, int symlinks, int charDevices) {

  /**
   * Checks the components.
   *
   * @param listing the listing file's name
   * @param madeBy how the tree was made
   * @param entries the number of entries
   * @param regularFiles the number of regular files
   * @param directories the number of directories
   * @param symlinks the number of symbolic links
   * @param charDevices the number of character devices
   */
  public LabTreeFacts {
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(madeBy, "madeBy");
    if (regularFiles < 0 || directories < 0 || symlinks < 0 || charDevices < 0
        || regularFiles + directories + symlinks + charDevices > entries) {
      throw new IllegalArgumentException("inconsistent tree counts for " + listing);
    }
  }
}
