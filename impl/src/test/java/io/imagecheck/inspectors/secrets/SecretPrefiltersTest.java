package io.imagecheck.inspectors.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tests for the one-scan-per-group prefix check of {@link SecretPatterns}. */
class SecretPrefiltersTest {

  private static final List<String> GITHUB = List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_");

  @Test
  void should_find_every_prefix_of_a_group_wherever_it_is() {
    // GIVEN texts with "gh" decoys before each prefix
    for (String p : GITHUB) {
      String text = "through high gh_ ghx ".repeat(50) + p + "abc";
      // WHEN / THEN
      assertThat(SecretPatterns.containsAnyPrefix(text, GITHUB)).as(p).isTrue();
    }
  }

  @Test
  void should_agree_with_one_contains_per_prefix_on_random_text() {
    // GIVEN random texts of fragments, so prefixes, their stems and near misses occur by chance
    Random random = new Random(42);
    List<String> fragments = List.of("g", "h", "gh", "p_", "o", "_", "x", "xo", "xox", "b-", "a", "npm", "ithub",
        "_pat_", "s", "r");
    List<String> slack = List.of("xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-");
    int found = 0;
    for (int t = 0; t < 2000; t++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 60; i++) {
        b.append(fragments.get(random.nextInt(fragments.size())));
      }
      String text = b.toString();
      for (List<String> prefixes : List.of(GITHUB, slack, List.of("npm_"))) {
        // WHEN
        boolean fast = SecretPatterns.containsAnyPrefix(text, prefixes);
        // THEN
        boolean naive = prefixes.stream().anyMatch(text::contains);
        assertThat(fast).as(text).isEqualTo(naive);
        found += naive ? 1 : 0;
      }
    }
    assertThat(found).isBetween(100, 5000);
  }

  @Test
  void should_see_an_aws_key_id_only_with_its_akia_or_asia_prefix() {
    // GIVEN / WHEN / THEN
    assertThat(SecretPatterns.awsKeys("IA KIA SIA xIA")).isEmpty();
    assertThat(SecretPatterns.awsKeys("id AKIAIOSFODNN7ABCDEFG secret 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"))
        .isPresent();
  }
}
