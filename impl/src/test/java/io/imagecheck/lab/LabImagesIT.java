package io.imagecheck.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.fs.FileType;
import io.imagecheck.image.Digest;
import io.imagecheck.image.MediaType;
import io.imagecheck.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the real-tool lab ({@code lab/make-images.sh}) and checks that the facts it recorded are complete
 * and plausible, so that integration tests built on {@link LabImages} stand on solid ground.
 */
class LabImagesIT {

  private LabImages lab;

  // Per test (the lab is built once per JVM), so that a skip shows on every test rather than as an
  // empty class.
  @BeforeEach
  void get_the_lab() {
    lab = LabImages.get();
  }

  @Test
  void should_record_3_layers_for_debian_bookworm_and_4_for_stripped_sharing_the_first_3() {
    // GIVEN
    LabImageFacts bookworm = lab.image("debian");
    LabImageFacts stripped = lab.image("debian-stripped");

    // WHEN
    List<Digest> bookwormDiffIds = bookworm.config().diffIds();
    List<Digest> strippedDiffIds = stripped.config().diffIds();

    // THEN
    assertThat(bookworm.layers()).hasSize(3);
    assertThat(stripped.layers()).hasSize(4);
    assertThat(strippedDiffIds.subList(0, 3)).isEqualTo(bookwormDiffIds);
    assertThat(bookworm.layout()).isEqualTo("debian.oci");
    assertThat(bookworm.tag()).isEqualTo("bookworm");
    assertThat(stripped.tag()).isEqualTo("stripped");
    assertThat(stripped.config().cmd()).containsExactly("/usr/bin/ls");
    assertThat(lab.layout("debian-stripped")).isEqualTo(lab.layout("debian")).isDirectory();
  }

  @Test
  void should_whiteout_shells_in_stripped_while_dpkg_still_lists_them() {
    // GIVEN
    String bash = "/usr/bin/bash";

    // WHEN
    List<String> strippedWhiteouts = lab.layer("debian-stripped", 3).stream()
        .filter(LayerEntry::isWhiteout).map(LayerEntry::name).toList();

    // THEN
    assertThat(lab.treeEntry("debian", bash)).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(FileType.REGULAR));
    assertThat(lab.treeEntry("debian-stripped", bash)).isEmpty();
    assertThat(lab.treeEntry("debian-stripped", "/usr/bin/apt")).isEmpty();
    assertThat(lab.treeEntry("debian-stripped", "/usr/bin/dpkg")).isPresent();
    assertThat(strippedWhiteouts).contains("usr/bin/.wh.bash", "usr/bin/.wh.dash", "usr/bin/.wh.sh", "usr/bin/.wh.apt");
    assertThat(lab.image("debian-stripped").layer(3).whiteouts()).isEqualTo(strippedWhiteouts.size());
    int installed = lab.image("debian").contents().dpkgInstalled().orElseThrow();
    assertThat(installed).isBetween(80, 100);
    assertThat(lab.image("debian-stripped").contents().dpkgInstalled()).hasValue(installed);
  }

  @Test
  void should_record_debian_whiteouts_opaque_dir_and_umoci_missing_tar_end() {
    // GIVEN
    LabImageFacts debian = lab.image("debian");

    // WHEN
    LabLayerFacts rootfs = debian.layer(0);
    LabLayerFacts removals = debian.layer(1);
    LabLayerFacts opaque = debian.layer(2);

    // THEN
    assertThat(rootfs.tarEofMarker()).isTrue();
    assertThat(rootfs.entries()).isGreaterThan(5000);
    assertThat(lab.layer("debian", 0)).anySatisfy(e -> assertThat(e.type()).isEqualTo(FileType.HARDLINK))
        .anySatisfy(e -> assertThat(e.device()).contains("1,3"));
    assertThat(lab.layer("debian", 1)).filteredOn(LayerEntry::isWhiteout).hasSize(removals.whiteouts());
    assertThat(lab.layer("debian", 1)).extracting(LayerEntry::name).contains("usr/share/.wh.locale");
    assertThat(opaque.opaqueDirs()).containsExactly("usr/share/doc/.wh..wh..opq");
    assertThat(opaque.tarEofMarker()).isFalse();
    assertThat(opaque.gnuTarExitCode()).isEqualTo(2);
    assertThat(lab.treeEntry("debian", "/usr/share/doc/README.lab")).isPresent();
    assertThat(lab.treeEntry("debian", "/usr/share/doc/bash")).isEmpty();
    assertThat(lab.treeEntry("debian", "/usr/share/locale")).isEmpty();
    assertThat(lab.treeEntry("debian", "/bin")).hasValueSatisfying(e -> assertThat(e.linkTarget()).contains("usr/bin"));
    assertThat(debian.contents().osRelease()).containsEntry("ID", "debian").containsEntry("VERSION_ID", "12");
  }

  @Test
  void should_link_bin_sh_to_busybox_and_keep_tmp_sticky() {
    // GIVEN
    String image = "busybox";

    // WHEN
    List<TreeEntry> tree = lab.tree(image);

    // THEN
    assertThat(tree.get(0).path()).isEqualTo("/");
    assertThat(lab.treeEntry(image, "/bin/sh")).hasValueSatisfying(e -> {
      assertThat(e.type()).isEqualTo(FileType.SYMLINK);
      assertThat(e.linkTarget()).contains("busybox");
    });
    assertThat(lab.treeEntry(image, "/tmp")).hasValueSatisfying(e -> assertThat(e.mode()).isEqualTo(01777));
    assertThat(lab.treeEntry(image, "/bin/busybox")).hasValueSatisfying(e -> assertThat(e.size()).isGreaterThan(500_000));
    assertThat(tree).hasSize(lab.image(image).tree().entries());
    LabLayerFacts layer = lab.image(image).layer(0);
    assertThat(layer.firstEntry()).contains("/");
    assertThat(layer.tarEofMarker()).isFalse();
    assertThat(lab.image(image).manifestMediaType()).isEmpty();
    assertThat(lab.image(image).config().cmd()).containsExactly("/bin/sh");
  }

  @Test
  void should_index_the_amd64_and_arm64_busybox_manifests() {
    // GIVEN
    LabIndexFacts multi = lab.index("busybox-multi");

    // WHEN
    List<Platform> platforms = multi.platforms();

    // THEN
    assertThat(multi.descriptor().mediaType()).isEqualTo(MediaType.OCI_INDEX);
    assertThat(platforms).containsExactly(Platform.of("linux", "amd64"), Platform.of("linux", "arm64"));
    assertThat(multi.manifest("amd64").digest()).isEqualTo(lab.image("busybox").manifestDigest());
    assertThat(multi.manifest("arm64").digest()).isEqualTo(lab.image("busybox-arm64").manifestDigest());
    assertThat(lab.image("busybox-arm64").config().platform().architecture()).isEqualTo("arm64");
    assertThat(lab.image("busybox-arm64").layer(0).diffId()).isNotEqualTo(lab.image("busybox").layer(0).diffId());
  }

  @Test
  void should_list_lab_hello_in_pkgdbs_rpmdb_with_npm_and_pip_metadata() {
    // GIVEN
    LabContentFacts contents = lab.image("pkgdbs").contents();

    // WHEN
    List<String> rpm = contents.rpmPackages();

    // THEN
    assertThat(rpm).containsExactly("lab-hello-1.0-1.noarch");
    assertThat(contents.rpmDatabase()).contains("/var/lib/rpm");
    assertThat(lab.treeEntry("pkgdbs", "/var/lib/rpm/rpmdb.sqlite")).isPresent();
    assertThat(lab.treeEntry("pkgdbs", "/var/lib/rpm/rpmdb.sqlite-wal")).isEmpty();
    assertThat(lab.treeEntry("pkgdbs", "/var/lib/dnf/history.sqlite")).isPresent();
    assertThat(contents.npmLockfiles()).containsExactly(Map.entry("/app/package-lock.json", 3));
    assertThat(contents.npmPackages()).containsExactly("is-number@7.0.0", "ms@2.1.3");
    assertThat(contents.pythonDistInfo())
        .containsExactly(Map.entry("/usr/lib/python3/dist-packages/labpy-1.0.dist-info", "pip"));
    assertThat(lab.image("pkgdbs").layers()).hasSize(2);
    assertThat(lab.image("pkgdbs").config().workingDir()).isEqualTo("/app");
  }

  @Test
  void should_record_distroless_nonroot_user_tini_entrypoint_and_no_shell() {
    // GIVEN
    LabImageFacts distroless = lab.image("distroless");

    // WHEN
    LabConfigFacts config = distroless.config();

    // THEN
    assertThat(config.user()).isEqualTo("65532:65532");
    assertThat(config.entrypoint()).containsExactly("/usr/bin/tini-static");
    assertThat(config.cmd()).containsExactly("--version");
    assertThat(lab.treeEntry("distroless", "/bin/sh")).isEmpty();
    assertThat(lab.treeEntry("distroless", "/home/nonroot"))
        .hasValueSatisfying(e -> assertThat(List.of(e.uid(), e.gid(), e.mode())).containsExactly(65532, 65532, 0700));
    assertThat(distroless.contents().dpkgStatusD()).containsExactly("tini");
    assertThat(distroless.contents().passwdUsers()).contains("nonroot:65532");
    assertThat(distroless.layer(0).firstEntry()).contains(".");
  }

  @Test
  void should_record_bud_run_whiteout_and_user() {
    // GIVEN
    LabImageFacts bud = lab.image("bud");

    // WHEN
    List<LayerEntry> runLayer = lab.layer("bud", 1);

    // THEN
    assertThat(bud.config().user()).isEqualTo("1000:1000");
    assertThat(runLayer).filteredOn(LayerEntry::isWhiteout).extracting(LayerEntry::name).containsExactly("bin/.wh.ls");
    assertThat(lab.treeEntry("bud", "/bin/ls")).isEmpty();
    assertThat(lab.treeEntry("bud", "/hello.txt")).hasValueSatisfying(e -> assertThat(e.size()).isEqualTo(6));
    assertThat(bud.config().diffIds().get(0)).isEqualTo(lab.image("busybox").config().diffIds().get(0));
    assertThat(lab.facts().archive("bud.docker.tar").references()).contains("docker.io/lab/bud:latest");
  }

  @Test
  void should_verify_every_layer_against_its_diff_id_and_listing() {
    // GIVEN
    List<LabImageFacts> images = List.copyOf(lab.facts().images().values());

    // WHEN / THEN
    assertThat(images).extracting(LabImageFacts::name).containsExactlyInAnyOrder(
        "bud", "busybox", "busybox-arm64", "busybox-zstd", "debian", "debian-stripped", "debian-zstd",
        "distroless", "pkgdbs");
    for (LabImageFacts image : images) {
      for (LabLayerFacts layer : image.layers()) {
        assertThat(layer.diffIdVerified()).as("%s layer %d", image.name(), layer.index()).isTrue();
        assertThat(layer.diffId()).isEqualTo(image.config().diffIds().get(layer.index()));
        assertThat(lab.layer(image.name(), layer.index())).as("%s layer %d", image.name(), layer.index())
            .hasSize(layer.entries());
      }
      assertThat(lab.tree(image.name())).as(image.name()).hasSize(image.tree().entries());
      assertThat(image.config().platform().os()).isEqualTo("linux");
    }
  }

  @Test
  void should_keep_diff_ids_and_change_digests_in_zstd_copies() {
    // GIVEN
    LabImageFacts gzip = lab.image("debian");
    LabImageFacts zstd = lab.image("debian-zstd");

    // WHEN
    List<MediaType> mediaTypes = zstd.layers().stream().map(LabLayerFacts::mediaType).toList();

    // THEN
    assertThat(mediaTypes).containsOnly(MediaType.OCI_LAYER_ZSTD);
    assertThat(zstd.config().diffIds()).isEqualTo(gzip.config().diffIds());
    assertThat(zstd.layer(0).digest()).isNotEqualTo(gzip.layer(0).digest());
    assertThat(lab.image("busybox-zstd").layer(0).mediaType()).isEqualTo(MediaType.OCI_LAYER_ZSTD);
    assertThat(lab.tree("debian-zstd")).isEqualTo(lab.tree("debian"));
  }

  @Test
  void should_write_archives_dir_copies_and_a_verified_gpg_signature() throws IOException {
    // GIVEN
    LabGpgFacts gpg = lab.facts().gpg();

    // WHEN
    Path signed = lab.dir("busybox-gpg");

    // THEN
    assertThat(lab.ociArchive("busybox")).isRegularFile();
    assertThat(lab.ociArchive("debian")).isRegularFile();
    assertThat(lab.dockerArchive("distroless")).isRegularFile();
    assertThat(lab.facts().archive("busybox.docker.tar").references()).containsExactly("docker.io/lab/busybox:latest");
    assertThat(lab.facts().archive("debian.oci.tar").references()).containsExactly("bookworm");
    assertThat(lab.facts().archive("busybox.oci.tar").manifestDigest()).contains(lab.image("busybox").manifestDigest());
    assertThat(lab.dir("busybox").resolve("manifest.json")).isRegularFile();
    assertThat(signed.resolve("signature-1")).isRegularFile();
    assertThat(gpg.fingerprint()).matches("[0-9A-F]{40}");
    assertThat(gpg.signedManifestDigest()).isEqualTo(lab.image("busybox").manifestDigest());
    assertThat(Files.readString(lab.gpgPublicKey(), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
  }

  @Test
  void should_return_the_same_lab_and_mark_it_with_the_script_hash() throws IOException {
    // GIVEN
    Path marker = lab.directory().resolve(LabBuild.MARKER);

    // WHEN
    LabImages again = LabImages.get();

    // THEN
    assertThat(again).isSameAs(lab);
    assertThat(Files.readString(marker, StandardCharsets.UTF_8)).startsWith("lab/make-images.sh sha256:");
    assertThat(lab.facts().tools()).containsKeys("skopeo", "umoci", "buildah", "debootstrap", "rpm", "npm");
    assertThat(lab.facts().created()).isEqualTo(Instant.ofEpochSecond(lab.facts().sourceDateEpoch()));
  }
}
