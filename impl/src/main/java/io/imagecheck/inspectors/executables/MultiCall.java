package io.imagecheck.inspectors.executables;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A multi-call binary: one executable that acts as many commands, chosen by the name it is run as
 * ({@code argv[0]}) or by its first argument ({@code busybox wget ...}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param kind {@link #BUSYBOX} or {@link #TOYBOX}
 * @param version the version the binary announces (e.g. {@code 1.29.3}), when it was read from content
 * @param applets the applet names compiled in, sorted as the binary lists them; empty when unknown (the
 *     table was not found, or the binary was recognised by name only)
 * @param fromContent true when the binary's content was recognised, false when only its name was
 */
public record MultiCall(String kind, Optional<String> version, List<String> applets, boolean fromContent) {

  /** The kind of a BusyBox binary. */
  public static final String BUSYBOX = "busybox";
  /** The kind of a toybox binary. */
  public static final String TOYBOX = "toybox";

  /**
   * Checks the components and copies collections.
   *
   * @param kind {@link #BUSYBOX} or {@link #TOYBOX}
   * @param version the announced version, if read
   * @param applets the applet names, empty when unknown
   * @param fromContent whether the content was recognised
   */
  public MultiCall {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    applets = List.copyOf(applets);
  }

  /**
   * A multi-call binary recognised by its name only.
   *
   * @param kind {@link #BUSYBOX} or {@link #TOYBOX}
   * @return a result with no version and unknown applets
   */
  public static MultiCall byName(String kind) {
    return new MultiCall(kind, Optional.empty(), List.of(), false);
  }

  /**
   * Tells whether the applet table was read.
   *
   * @return true when {@link #applets()} lists the compiled-in applets
   */
  public boolean appletsKnown() {
    return !applets.isEmpty();
  }

  /**
   * Tells whether an applet is known to be compiled in.
   *
   * @param applet e.g. {@code wget}
   * @return true when the applet table lists it (false when the table is unknown)
   */
  public boolean hasApplet(String applet) {
    return applets.contains(applet);
  }

  /**
   * A short description for messages.
   *
   * @return e.g. {@code BusyBox v1.29.3} or {@code toybox}
   */
  public String describe() {
    String name = kind.equals(BUSYBOX) ? "BusyBox" : kind;
    return version.map(v -> name + " v" + v).orElse(name);
  }
}
