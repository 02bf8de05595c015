package io.imagecheck.sources.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A proxy selector that follows the {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY}
 * conventions (either case; the lower-case variable wins, as in curl), which {@code java.net.http}
 * does not read by itself. An explicit proxy, when given, replaces the two proxy variables but
 * {@code NO_PROXY} still applies.
 *
 * <p>{@code NO_PROXY} is a comma-separated list of host names (matching the host and its sub-domains;
 * a leading dot or {@code *.} is allowed), IP addresses, {@code host:port} entries, or {@code *} for
 * everything. Proxy credentials in the URL are not supported (logged, never used).
 *
 * <p>Immutable and thread-safe.
 */
final class EnvironmentProxySelector extends ProxySelector {

  private static final System.Logger LOG = System.getLogger(EnvironmentProxySelector.class.getName());

  private final @Nullable URI httpsProxy;
  private final @Nullable URI httpProxy;
  private final List<String> noProxy;

  EnvironmentProxySelector(@Nullable URI explicit, Map<String, String> env) {
    this.httpsProxy = explicit != null ? explicit : parse(var(env, "https_proxy"));
    this.httpProxy = explicit != null ? explicit : parse(var(env, "http_proxy"));
    List<String> np = new ArrayList<>();
    String v = var(env, "no_proxy");
    if (v != null) {
      for (String e : v.split(",", -1)) {
        String t = e.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          np.add(t);
        }
      }
    }
    this.noProxy = List.copyOf(np);
  }

  /** Whether any proxy is configured at all. */
  boolean active() {
    return httpsProxy != null || httpProxy != null;
  }

  private static @Nullable String var(Map<String, String> env, String lower) {
    String v = env.get(lower);
    if (v == null || v.isBlank()) {
      v = env.get(lower.toUpperCase(Locale.ROOT));
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static @Nullable URI parse(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String v = value.contains("://") ? value : "http://" + value;
    try {
      URI u = new URI(v);
      if (u.getHost() == null) {
        LOG.log(System.Logger.Level.WARNING, "ignoring a proxy setting without a host");
        return null;
      }
      if (u.getUserInfo() != null) {
        LOG.log(System.Logger.Level.WARNING, "proxy credentials in the proxy URL are not supported; "
            + "connecting to the proxy at {0} without them", u.getHost());
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      LOG.log(System.Logger.Level.WARNING, "ignoring a proxy setting that is not a URL");
      return null;
    }
  }

  @Override
  public List<Proxy> select(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    URI proxy = scheme.equals("https") ? httpsProxy : scheme.equals("http") ? httpProxy : null;
    if (proxy == null || uri.getHost() == null || bypass(uri.getHost(), port(uri))) {
      return List.of(Proxy.NO_PROXY);
    }
    int port = proxy.getPort() > 0 ? proxy.getPort() : "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
    return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
  }

  private static int port(URI uri) {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /**
   * Tells whether {@code NO_PROXY} exempts a host.
   *
   * @param rawHost the host, possibly a bracketed IPv6 address
   * @param port the port
   * @return true when the host is reached directly
   */
  boolean bypass(String rawHost, int port) {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    for (String e : noProxy) {
      if (e.equals("*")) {
        return true;
      }
      String entry = e;
      int entryPort = -1;
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).chars().allMatch(Character::isDigit)
          && colon + 1 < entry.length()) {
        entryPort = Integer.parseInt(entry.substring(colon + 1));
        entry = entry.substring(0, colon);
      }
      if (entry.startsWith("[") && entry.endsWith("]")) {
        entry = entry.substring(1, entry.length() - 1);
      }
      if (entryPort > 0 && entryPort != port) {
        continue;
      }
      if (entry.startsWith("*.")) {
        entry = entry.substring(1);
      }
      if (entry.startsWith(".")) {
        if (host.endsWith(entry) || host.equals(entry.substring(1))) {
          return true;
        }
      } else if (host.equals(entry) || host.endsWith("." + entry)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    LOG.log(System.Logger.Level.DEBUG, "connection to proxy {0} failed: {1}", sa, ioe.getMessage());
  }
}
