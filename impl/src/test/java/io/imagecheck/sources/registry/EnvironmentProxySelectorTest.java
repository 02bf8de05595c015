package io.imagecheck.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link EnvironmentProxySelector}. */
class EnvironmentProxySelectorTest {

  private static String selected(EnvironmentProxySelector s, String uri) {
    Proxy p = s.select(URI.create(uri)).get(0);
    if (p.type() == Proxy.Type.DIRECT) {
      return "DIRECT";
    }
    InetSocketAddress a = (InetSocketAddress) p.address();
    return a.getHostString() + ":" + a.getPort();
  }

  @Test
  void should_use_https_and_http_proxy_by_scheme_and_honour_no_proxy() {
    // GIVEN the usual variables, upper and lower case
    EnvironmentProxySelector s = new EnvironmentProxySelector(null, Map.of(
        "HTTPS_PROXY", "http://secure-proxy:3128", "http_proxy", "plain-proxy:8080",
        "NO_PROXY", "localhost,.internal.example,registry.example:5000,10.1.2.3,*.svc"));
    // WHEN URIs are looked up THEN the proxy follows the scheme and NO_PROXY exempts its entries
    assertThat(selected(s, "https://registry-1.docker.io/v2/")).isEqualTo("secure-proxy:3128");
    assertThat(selected(s, "http://mirror.example/v2/")).isEqualTo("plain-proxy:8080");
    assertThat(selected(s, "https://localhost:5000/v2/")).isEqualTo("DIRECT");
    assertThat(selected(s, "https://a.internal.example/v2/")).isEqualTo("DIRECT");
    assertThat(selected(s, "https://internal.example/v2/")).isEqualTo("DIRECT");
    assertThat(selected(s, "https://registry.example:5000/v2/")).isEqualTo("DIRECT");
    assertThat(selected(s, "https://registry.example/v2/")).isEqualTo("secure-proxy:3128");
    assertThat(selected(s, "http://10.1.2.3/v2/")).isEqualTo("DIRECT");
    assertThat(selected(s, "https://x.svc/v2/")).isEqualTo("DIRECT");
    assertThat(selected(s, "https://notinternal.example/v2/")).isEqualTo("secure-proxy:3128");
  }

  @Test
  void should_let_an_explicit_proxy_replace_the_variables_and_star_disable_all() {
    // GIVEN an explicit proxy, and separately NO_PROXY=*
    EnvironmentProxySelector explicit = new EnvironmentProxySelector(URI.create("http://corp:3128"),
        Map.of("HTTPS_PROXY", "http://ignored:1"));
    EnvironmentProxySelector star = new EnvironmentProxySelector(null,
        Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "*"));
    EnvironmentProxySelector none = new EnvironmentProxySelector(null, Map.of());
    // THEN
    assertThat(selected(explicit, "https://quay.io/v2/")).isEqualTo("corp:3128");
    assertThat(selected(explicit, "http://quay.io/v2/")).isEqualTo("corp:3128");
    assertThat(selected(star, "https://quay.io/v2/")).isEqualTo("DIRECT");
    assertThat(none.active()).isFalse();
    assertThat(selected(none, "https://quay.io/v2/")).isEqualTo("DIRECT");
  }
}
