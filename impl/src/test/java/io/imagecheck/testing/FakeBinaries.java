package io.imagecheck.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic executable contents that look, to content detection, like real binaries: an ELF magic, some
 * padding (so that they pass size thresholds) and the strings a detector looks for.
 */
public final class FakeBinaries {

  private static final int PADDING = 8192;

  private FakeBinaries() {}

  /**
   * A BusyBox binary with a banner and an applet table.
   *
   * @param version e.g. {@code 1.36.1}
   * @param applets the applet names (sorted here; {@code [} and {@code [[} are always added first)
   * @return the content
   */
  public static byte[] busybox(String version, String... applets) {
    List<String> names = new ArrayList<>(List.of(applets));
    names.add("[");
    names.add("[[");
    List<String> sorted = names.stream().distinct().sorted().toList();
    StringBuilder table = new StringBuilder("\0");
    for (String n : sorted) {
      table.append(n).append('\0');
    }
    table.append('\0');
    return binary("BusyBox v" + version + " (2024-01-01 00:00:00 UTC) multi-call binary.\0usage: busybox\0"
        + table);
  }

  /**
   * A BusyBox binary whose applet table cannot be found.
   *
   * @param version e.g. {@code 1.36.1}
   * @return the content
   */
  public static byte[] busyboxWithoutTable(String version) {
    return binary("BusyBox v" + version + " (2024-01-01 00:00:00 UTC) multi-call binary.\0");
  }

  /**
   * A toybox binary.
   *
   * @return the content
   */
  public static byte[] toybox() {
    return binary("\0toybox\0usage: toybox [--long | --help | --version | [COMMAND] [ARGUMENTS...]]\0");
  }

  /**
   * A plain program.
   *
   * @param name a string to embed, e.g. the program's name
   * @return the content
   */
  public static byte[] program(String name) {
    return binary("\0" + name + "\0GNU C Library\0");
  }

  private static byte[] binary(String strings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    out.writeBytes(new byte[PADDING]);
    out.writeBytes(strings.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(new byte[PADDING]);
    return out.toByteArray();
  }
}
