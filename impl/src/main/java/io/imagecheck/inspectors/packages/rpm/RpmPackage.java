package io.imagecheck.inspectors.packages.rpm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One installed package, as its header in the rpm database describes it.
 *
 * <p>Text tags that a header lacks (a {@code gpg-pubkey} pseudo-package has no arch, no source rpm and
 * no vendor) are empty strings, as go-rpmdb reports them; {@code rpm -q --qf} would print {@code
 * (none)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the package name ({@code NAME}), e.g. {@code bash}
 * @param epoch the epoch ({@code EPOCH}), when the header has one
 * @param version the version ({@code VERSION}), e.g. {@code 5.1.8}
 * @param release the release ({@code RELEASE}), e.g. {@code 1.cm2}
 * @param arch the architecture ({@code ARCH}), e.g. {@code x86_64} or {@code noarch}; empty when absent
 * @param sourceRpm the source package file name ({@code SOURCERPM}), e.g. {@code
 *     bash-5.1.8-1.cm2.src.rpm}; empty when absent
 * @param license the license ({@code LICENSE}); empty when absent
 * @param vendor the vendor ({@code VENDOR}), e.g. {@code Microsoft Corporation}; empty when absent
 * @param size the installed size in bytes ({@code LONGSIZE}, else {@code SIZE}, else 0)
 * @param sigMd5 the MD5 of header and payload ({@code SIGMD5}) in lower-case hex, when present
 * @param provides the provided capability names ({@code PROVIDENAME}), in header order
 * @param files the absolute paths of the installed files and directories, in header order, from {@code
 *     DIRNAMES}, {@code DIRINDEXES} and {@code BASENAMES} (or {@code OLDFILENAMES} in old headers)
 */
public record RpmPackage(
    String name,
    Optional<Integer> epoch,
    String version,
    String release,
    String arch,
    String sourceRpm,
    String license,
    String vendor,
    long size,
    Optional<String> sigMd5,
    List<String> provides,
    List<String> files) {

  /**
   * Checks the components and copies the lists.
   *
   * @param name the package name
   * @param epoch the epoch, when present
   * @param version the version
   * @param release the release
   * @param arch the architecture, or empty
   * @param sourceRpm the source package file name, or empty
   * @param license the license, or empty
   * @param vendor the vendor, or empty
   * @param size the installed size in bytes
   * @param sigMd5 the header and payload MD5 in hex, when present
   * @param provides the provided capability names
   * @param files the installed paths
   * @throws IllegalArgumentException when the name is empty or the size negative
   */
  public RpmPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(epoch, "epoch");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(sourceRpm, "sourceRpm");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(sigMd5, "sigMd5");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty package name");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for package " + name);
    }
    provides = List.copyOf(provides);
    files = List.copyOf(files);
  }

  /**
   * The epoch, version and release the way {@code rpm -qa --qf '%{EPOCHNUM}:%{VERSION}-%{RELEASE}'}
   * prints them: the epoch is 0 when the header has none, and is printed unsigned like rpm does.
   *
   * @return e.g. {@code 0:5.1.8-1.cm2} or {@code 1:2.5.1-4}
   */
  public String evr() {
    return formatEvr(epoch.orElse(0), version, release);
  }

  /**
   * Name, EVR and architecture, for messages.
   *
   * @return e.g. {@code bash-0:5.1.8-1.cm2.x86_64}
   */
  public String nevra() {
    return name + "-" + evr() + (arch.isEmpty() ? "" : "." + arch);
  }

  /**
   * Formats an epoch, version and release the way {@code rpm -qa --qf
   * '%{EPOCHNUM}:%{VERSION}-%{RELEASE}'} does.
   *
   * @param epochNum the epoch, 0 when the header has none ({@code EPOCHNUM})
   * @param version the version
   * @param release the release
   * @return e.g. {@code 0:7.76.0-6.cm2}
   */
  public static String formatEvr(int epochNum, String version, String release) {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(release, "release");
    // rpm keeps EPOCH in an INT32 tag but prints numbers through an unsigned value.
    return Integer.toUnsignedString(epochNum) + ":" + version + "-" + release;
  }

  /**
   * Whether the package installed a path.
   *
   * @param path an absolute path, e.g. {@code /bin/sh}
   * @return true when {@link #files()} lists it
   */
  public boolean ownsFile(String path) {
    Objects.requireNonNull(path, "path");
    return files.contains(path);
  }
}
