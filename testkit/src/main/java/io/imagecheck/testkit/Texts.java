package io.imagecheck.testkit;

import java.util.List;
import java.util.Locale;

/** Small text and matching helpers of the assertions. */
final class Texts {

  private Texts() {}

  /**
   * A string in double quotes with control characters, quotes and backslashes escaped.
   *
   * @param s the string
   * @return e.g. {@code "a\"b"}
   */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        b.append("\\u").append(String.format(Locale.ROOT, "%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /**
   * container-structure-test's port match: a bare port matches any protocol, {@code 53/udp} only udp.
   *
   * @param port the port asked for
   * @param exposed the config's exposed ports ({@code 8080/tcp})
   * @return true when exposed
   */
  static boolean portExposed(String port, List<String> exposed) {
    int slash = port.indexOf('/');
    String number = slash < 0 ? port : port.substring(0, slash);
    String protocol = slash < 0 ? "" : port.substring(slash + 1);
    for (String e : exposed) {
      int s = e.indexOf('/');
      String n = s < 0 ? e : e.substring(0, s);
      String p = s < 0 ? "tcp" : e.substring(s + 1);
      if (n.equals(number) && (protocol.isEmpty() || protocol.equals(p))) {
        return true;
      }
    }
    return false;
  }
}
