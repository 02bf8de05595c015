package io.imagecheck.image;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform an image runs on: operating system, CPU architecture, optional variant and OS version,
 * as in an image index entry or an image config.
 *
 * <p>{@link #parse(String)} reads the {@code os/arch[/variant]} form used by {@code --platform}.
 * {@link #matches(Platform)} implements the image-spec's selection rules with the normalisations the
 * Go tools (containerd's {@code platforms} package) apply: {@code x86_64} is {@code amd64},
 * {@code aarch64} is {@code arm64}, an {@code arm64} image without variant is {@code v8}, and an
 * {@code arm} image without variant is {@code v7}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param os the operating system, e.g. {@code linux}
 * @param architecture the CPU architecture, e.g. {@code amd64}
 * @param variant the CPU variant, e.g. {@code v8}
 * @param osVersion the OS version (Windows images)
 * @param osFeatures required OS features
 */
public record Platform(
    String os, String architecture, Optional<String> variant, Optional<String> osVersion, List<String> osFeatures) {

  /**
   * Checks the components and copies collections.
   *
   * @param os the operating system, e.g. {@code linux}
   * @param architecture the CPU architecture, e.g. {@code amd64}
   * @param variant the CPU variant, e.g. {@code v8}
   * @param osVersion the OS version (Windows images)
   * @param osFeatures required OS features
   */
  public Platform {
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(osVersion, "osVersion");
    osFeatures = List.copyOf(osFeatures);
    if (os.isBlank() || architecture.isBlank()) {
      throw new IllegalArgumentException("platform needs an os and an architecture: " + os + "/" + architecture);
    }
  }

  /**
   * Creates a platform without variant.
   *
   * @param os the operating system
   * @param architecture the architecture
   * @return the platform
   */
  public static Platform of(String os, String architecture) {
    return new Platform(os, architecture, Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * Creates a platform with a variant.
   *
   * @param os the operating system
   * @param architecture the architecture
   * @param variant the variant, or null for none
   * @return the platform
   */
  public static Platform of(String os, String architecture, @org.jspecify.annotations.Nullable String variant) {
    return new Platform(
        os, architecture, Optional.ofNullable(variant).filter(v -> !v.isEmpty()), Optional.empty(), List.of());
  }

  /**
   * Parses {@code os/arch[/variant]}.
   *
   * @param value e.g. {@code linux/arm64/v8}
   * @return the platform
   * @throws IllegalArgumentException when the string does not have two or three non-empty parts
   */
  public static Platform parse(String value) {
    Objects.requireNonNull(value, "value");
    String[] parts = value.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("platform must be os/arch[/variant], got \"" + value + "\"");
    }
    for (String p : parts) {
      if (p.isBlank()) {
        throw new IllegalArgumentException("platform must be os/arch[/variant], got \"" + value + "\"");
      }
    }
    return of(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT),
        parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : null);
  }

  /**
   * The platform of the running JVM, normalised (e.g. {@code linux/amd64}).
   *
   * @return the host platform
   */
  public static Platform host() {
    String os = System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      os = "windows";
    } else if (os.startsWith("mac")) {
      os = "darwin";
    } else if (os.startsWith("linux")) {
      os = "linux";
    }
    return of(os, System.getProperty("os.arch", "amd64")).normalized();
  }

  /**
   * This platform with the architecture and variant normalised as the Go tools do.
   *
   * @return the normalised platform
   */
  public Platform normalized() {
    String arch = architecture.toLowerCase(Locale.ROOT);
    String v = variant.map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
    switch (arch) {
      case "x86_64", "x86-64", "amd64" -> arch = "amd64";
      case "i386", "i686", "386" -> arch = "386";
      case "aarch64", "arm64" -> {
        arch = "arm64";
        if (v == null || v.equals("8") || v.equals("v8")) {
          v = "v8";
        }
      }
      case "armhf", "armel", "arm" -> {
        if (architecture.equalsIgnoreCase("armhf")) {
          v = "v7";
        } else if (architecture.equalsIgnoreCase("armel")) {
          v = "v6";
        }
        arch = "arm";
        if (v == null) {
          v = "v7";
        } else if (!v.startsWith("v")) {
          v = "v" + v;
        }
      }
      default -> { }
    }
    return new Platform(os.toLowerCase(Locale.ROOT), arch, Optional.ofNullable(v), osVersion, osFeatures);
  }

  /**
   * Tells whether an image for {@code candidate} satisfies a request for this platform: same OS and
   * architecture after normalisation, and the same variant when this platform names one.
   *
   * @param candidate the platform of an index entry or image
   * @return true when the candidate can be used for this platform
   */
  public boolean matches(Platform candidate) {
    Platform want = normalized();
    Platform have = candidate.normalized();
    if (!want.os.equals(have.os) || !want.architecture.equals(have.architecture)) {
      return false;
    }
    if (variant.isPresent() && !want.variant.equals(have.variant)) {
      return false;
    }
    return osVersion.isEmpty() || osVersion.equals(candidate.osVersion);
  }

  /**
   * The {@code os/arch[/variant]} form.
   *
   * @return e.g. {@code linux/arm64/v8}
   */
  @Override
  public String toString() {
    return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
  }
}
