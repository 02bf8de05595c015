package io.imagecheck.sources.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link Challenge}. */
class ChallengeTest {

  private static final String SRC = "docker://localhost:5000/lab/busybox";

  @Test
  void should_parse_the_bearer_challenge_docker_registry_sends() throws Exception {
    // GIVEN distribution's token challenge
    String h = "Bearer realm=\"http://127.0.0.1:5003/token\",service=\"lab-registry\","
        + "scope=\"repository:lab/busybox:pull\",error=\"insufficient_scope\"";
    // WHEN it is parsed
    List<Challenge> cs = Challenge.parse(h, SRC);
    // THEN one bearer challenge with four parameters
    assertThat(cs).hasSize(1);
    assertThat(cs.get(0).scheme()).isEqualTo("bearer");
    assertThat(cs.get(0).params()).containsExactly(Map.entry("realm", "http://127.0.0.1:5003/token"),
        Map.entry("service", "lab-registry"), Map.entry("scope", "repository:lab/busybox:pull"),
        Map.entry("error", "insufficient_scope"));
  }

  @Test
  void should_parse_several_challenges_with_escapes_tokens_and_spaces() throws Exception {
    // GIVEN two challenges in one header, an escaped quote, an unquoted value and spaces around '='
    String h = "Basic realm=\"a \\\"quoted\\\" realm\" , charset = UTF-8, Bearer realm=\"https://auth/t\"";
    // WHEN it is parsed
    List<Challenge> cs = Challenge.parse(h, SRC);
    // THEN both challenges are there with their parameters
    assertThat(cs).extracting(Challenge::scheme).containsExactly("basic", "bearer");
    assertThat(cs.get(0).param("REALM")).contains("a \"quoted\" realm");
    assertThat(cs.get(0).param("charset")).contains("UTF-8");
    assertThat(cs.get(1).param("realm")).contains("https://auth/t");
  }

  @Test
  void should_parse_a_token68_and_a_bare_scheme() throws Exception {
    // GIVEN a token68 challenge followed by a scheme without parameters
    List<Challenge> cs = Challenge.parse("Negotiate YWJj==, Basic", SRC);
    // THEN
    assertThat(cs).extracting(Challenge::scheme).containsExactly("negotiate", "basic");
    assertThat(cs.get(0).param("token68")).contains("YWJj==");
    assertThat(cs.get(1).params()).isEmpty();
  }

  @Test
  void should_reject_malformed_headers_with_a_typed_error() {
    // GIVEN headers that break RFC 7235
    // WHEN parsed THEN each fails with MalformedChallengeException naming the problem
    assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"unterminated", SRC))
        .isInstanceOf(MalformedChallengeException.class).hasMessageContaining("unterminated quoted string")
        .hasMessageStartingWith(SRC);
    assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"a\", service=", SRC))
        .isInstanceOf(MalformedChallengeException.class).hasMessageContaining("has no value");
    assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"a\" service=\"b\"", SRC))
        .isInstanceOf(MalformedChallengeException.class).hasMessageContaining("expected ','");
    assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"a\",realm=\"b\"", SRC))
        .isInstanceOf(MalformedChallengeException.class).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> Challenge.parse("  ,  ", SRC))
        .isInstanceOf(MalformedChallengeException.class).hasMessageContaining("empty header");
    assertThatThrownBy(() -> Challenge.parse("Bearer realm=\"a\u0000b\"", SRC))
        .isInstanceOf(MalformedChallengeException.class).hasMessageContaining("control character");
    assertThatThrownBy(() -> Challenge.parse("Bearer " + "x".repeat(20000), SRC))
        .isInstanceOf(MalformedChallengeException.class).hasMessageContaining("longer than");
  }
}
