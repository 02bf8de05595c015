package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.report.LayerInfo;
import org.junit.jupiter.api.Test;

/** Tests for the config and inventory assertions of {@link ImageAssert}. */
class ImageAssertConfigTest extends ImageFixtures {

  @Test
  void should_pass_config_assertions_that_hold() {
    assertThat(hardened).hasUser("65532").hasWorkdir("/app").hasEntrypoint("/app/server").hasCmd("--port=8080")
        .hasEnv("PATH", "/usr/bin:/bin").hasLabel("org.opencontainers.image.version", "1.2.3")
        .exposesPorts("8080/tcp").exposesPorts("8080");
  }

  @Test
  void should_name_the_history_step_that_set_a_value() {
    assertThatThrownBy(() -> assertThat(loose).hasLabel("org.opencontainers.image.version", "1.2.3")).hasMessage(
        "Expecting image " + loose.source() + " to have label \"org.opencontainers.image.version\" = \"1.2.3\", but it"
            + " is \"1.2.2\" (set by history step 5: LABEL org.opencontainers.image.version=1.2.2)");
    assertThatThrownBy(() -> assertThat(loose).hasEnv("APP_MODE", "production")).hasMessage(
        "Expecting image " + loose.source() + " to have env \"APP_MODE\" = \"production\", but it is \"debug\" (set by"
            + " history step 2: ENV APP_MODE=debug)");
    assertThatThrownBy(() -> assertThat(hardened).hasUser("0")).hasMessage(
        "Expecting image " + hardened.source() + " to run as user \"0\", but it runs as \"65532\" (set by history"
            + " step 2: USER 65532)");
  }

  @Test
  void should_fail_config_assertions_without_a_step_when_the_history_has_none() {
    assertThatThrownBy(() -> assertThat(loose).hasUser("65532")).hasMessage(
        "Expecting image " + loose.source() + " to run as user \"65532\", but no USER is set (the runtime default is"
            + " root)");
    assertThatThrownBy(() -> assertThat(loose).hasEntrypoint("/app/server")).hasMessage(
        "Expecting image " + loose.source() + " to have entrypoint [\"/app/server\"], but it has [\"/bin/sh\", \"-c\","
            + " \"/app/server\"]");
    assertThatThrownBy(() -> assertThat(loose).hasCmd("serve")).hasMessage(
        "Expecting image " + loose.source() + " to have cmd [\"serve\"], but it has []");
    assertThatThrownBy(() -> assertThat(loose).hasWorkdir("/app")).hasMessage(
        "Expecting image " + loose.source() + " to have working directory \"/app\", but none is set");
    assertThatThrownBy(() -> assertThat(loose).hasLabel("maintainer", "me")).hasMessage(
        "Expecting image " + loose.source() + " to have label \"maintainer\" = \"me\", but it has no such label"
            + " (labels: [\"org.opencontainers.image.version\"])");
    assertThatThrownBy(() -> assertThat(loose).exposesPorts("8080/udp", "9090")).hasMessage(
        "Expecting image " + loose.source() + " to expose [\"8080/udp\", \"9090\"], but it does not expose"
            + " [\"8080/udp\", \"9090\"] (it exposes [\"8080/tcp\"])");
  }

  @Test
  void should_assert_on_the_layers_and_the_package_inventory() {
    // GIVEN / WHEN / THEN
    assertThat(loose).layers().hasSize(3).extracting(l -> l.createdBy().orElse(""))
        .containsExactly("ADD alpine-minirootfs.tar.gz / # base", "RUN apk add curl", "COPY build/ /app/");
    assertThat(loose).layers().extracting(LayerInfo::digest).containsExactlyElementsOf(
        SyntheticImages.LOOSE.layerDigests());
    assertThat(hardened).packages().extracting(InstalledPackage::name).isEmpty();
    assertThatThrownBy(() -> assertThat(hardened).packages().isNotEmpty())
        .hasMessageContaining("[packages of " + hardened.source() + "]");
  }
}
