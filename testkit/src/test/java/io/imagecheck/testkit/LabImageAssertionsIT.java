package io.imagecheck.testkit;

import static io.imagecheck.testkit.ImageCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.image.Image;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.lab.LabImageFacts;
import io.imagecheck.lab.LabImages;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import org.junit.jupiter.api.Test;

/**
 * The assertions on the real-tool lab images ({@link LabImages}), with messages whose layers and history
 * steps come from the lab's own facts (umoci's, skopeo's and buildah's records).
 */
class LabImageAssertionsIT {

  private static ImageSource open(LabImages lab, String image) throws Exception {
    return ImageSources.open("oci:" + lab.layout(image) + ":" + lab.image(image).tag());
  }

  private static String layer(LabImageFacts facts, int number, int step) {
    return "layer " + number + " of " + facts.layers().size() + " (" + facts.layers().get(number - 1).digest()
        .shortForm() + "), history step " + step + ": " + facts.config().historyCreatedBy().get(step - 1);
  }

  @Test
  void should_pass_the_hardened_assertions_on_the_distroless_image() throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();
    try (ImageSource source = open(lab, "distroless")) {
      Image image = source.image();

      // WHEN / THEN
      assertThat(image).hasNoShell().hasNoPackageManager().runsAsNonRoot().hasNoSetuidFiles().hasNoSecrets()
          .hasUser("65532:65532").hasEntrypoint("/usr/bin/tini-static").hasCmd("--version").hasWorkdir("/home/nonroot")
          .doesNotContain("/bin/sh");
      assertThat(image).containsFile("/usr/bin/tini-static").withMode("0755").ownedBy(0, 0).isExecutable();
      assertThat(image).containsFile("/home/nonroot").isDirectory().withMode("0700").ownedBy(65532, 65532);
      assertThat(image).packages().extracting(InstalledPackage::name).containsExactly("tini");
    }
  }

  @Test
  void should_name_busyboxs_shell_its_layer_and_umocis_history_step() throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();
    LabImageFacts facts = lab.image("busybox");
    try (ImageSource source = open(lab, "busybox")) {
      Image image = source.image();

      // WHEN / THEN
      assertThatThrownBy(() -> assertThat(image).hasNoShell()).hasMessage("Expecting image " + image.source()
          + " not to contain a shell, but /bin/sh (-> /bin/busybox) was added by " + layer(facts, 1, 1));
      assertThatThrownBy(() -> assertThat(image).runsAsNonRoot()).hasMessage("Expecting image " + image.source()
          + " to run as a non-root user, but No USER is set: the container runs as root (uid 0), the runtime default");
      assertThat(image).containsFile("/tmp").withPermissions("drwxrwxrwt");
    }
  }

  @Test
  void should_name_the_layer_that_deleted_bash_from_the_stripped_debian_image() throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();
    LabImageFacts facts = lab.image("debian-stripped");
    try (ImageSource source = open(lab, "debian-stripped")) {
      Image image = source.image();

      // WHEN / THEN
      assertThatThrownBy(() -> assertThat(image).containsFile("/usr/bin/bash")).hasMessage("Expecting image "
          + image.source() + " to contain /usr/bin/bash, but it was added by " + layer(facts, 1, 1) + " and deleted by "
          + layer(facts, 4, 5));
      assertThat(image).doesNotContain("/usr/bin/apt-get").containsFile("/etc/os-release")
          .contentMatches("(?m)^VERSION_CODENAME=bookworm$");
      // dpkg still lists every package it installed: the inventory is dpkg-query's
      assertThat(image).packages().filteredOn(p -> p.ecosystem().equals("deb")).hasSize(
          facts.contents().dpkgInstalled().orElseThrow());
    }
  }

  @Test
  void should_see_what_buildah_bud_did() throws Exception {
    // GIVEN FROM busybox / RUN rm /bin/ls && echo hello >/hello.txt / USER 1000:1000
    LabImages lab = LabImages.get();
    try (ImageSource source = open(lab, "bud")) {
      Image image = source.image();

      // WHEN / THEN
      assertThat(image).hasUser("1000:1000").runsAsNonRoot().doesNotContain("/bin/ls");
      assertThat(image).containsFile("/hello.txt").hasContent("hello\n");
      assertThat(image).layers().hasSize(2);
    }
  }

  @Test
  void should_fail_the_hardened_policy_on_debian_and_pass_it_on_distroless() throws Exception {
    // GIVEN
    LabImages lab = LabImages.get();
    try (ImageSource debian = open(lab, "debian"); ImageSource distroless = open(lab, "distroless")) {
      // WHEN / THEN
      assertThat(distroless.image()).passesPolicy("hardened");
      assertThatThrownBy(() -> assertThat(debian.image()).passesPolicy("hardened"))
          .hasMessageStartingWith("Expecting image " + debian.image().source() + " under policy hardened (fails on"
              + " high) to pass, but it failed:")
          .hasMessageContaining("- shell failed")
          .hasMessageContaining("- package-manager failed");
    }
  }

  @Test
  void should_verify_the_gpg_signature_skopeo_made_and_not_find_one_on_the_unsigned_copy() throws Exception {
    // GIVEN the lab's dir: copies of busybox, one signed by skopeo --sign-by with a throwaway GPG key
    LabImages lab = LabImages.get();
    try (ImageSource signed = ImageSources.open("dir:" + lab.dir("busybox-gpg"));
        ImageSource unsigned = ImageSources.open("dir:" + lab.dir("busybox"))) {
      // WHEN / THEN
      assertThat(signed).isSignedBy(lab.gpgPublicKey());
      String image = unsigned.image().source();
      assertThatThrownBy(() -> assertThat(unsigned).isSignedBy(lab.gpgPublicKey())).hasMessage("Expecting image "
          + image + " to be signed by " + lab.gpgPublicKey() + ", but [high] signature.missing: no verified signature"
          + " for " + unsigned.image().descriptor().digest() + " (no signature or attestation found in " + image + ")");
    }
  }
}
