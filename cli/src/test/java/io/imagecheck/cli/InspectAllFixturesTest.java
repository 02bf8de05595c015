package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code imagecheck inspect} on every image-shaped third-party fixture: each is read (exit 0) or rejected
 * with one clear line (exit 2), as its PROVENANCE.md says it should be.
 */
class InspectAllFixturesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      dive-docker-save-busybox/test-docker-image.tar                  | 0 | sha256:75ae28b8ebf8
      dive-kaniko-tar/test-kaniko-image.tar                           | 0 | sha256:ae16a51058a7
      dive-oci-variants/test-oci-zstd-image.tar                       | 0 | application/vnd.oci.image.layer.v1.tar+zstd
      dive-oci-variants/test-oci-gzip-image.tar                       | 0 | sha256:3eaccc100f86
      dive-oci-variants/test-oci-uncompressed-image.tar               | 0 | sha256:3eaccc100f86
      dive-oci-variants/test-oci-estargz-image.tar                    | 0 | sha256:2e75eb783d1a
      ggcr-tarball/hello-world-v25.tar                                | 0 | sha256:ee301c921b8a
      ggcr-tarball/test_image_1.tar                                   | 0 | sha256:6e0b05049ed9
      ggcr-tarball/test_image_2.tar                                   | 0 | sha256:930705ce23e3
      ggcr-tarball/test_bundle.tar                                    | 2 | choose one with docker-archive:PATH:NAME:TAG
      ggcr-tarball/test_link.tar                                      | 2 | choose one with docker-archive:PATH:NAME:TAG
      ggcr-tarball/no_manifest.tar                                    | 2 | pre-Docker-1.10
      ggcr-tarball/null_manifest.tar                                  | 2 | manifest.json is null
      ggcr-layout/test_index                                          | 2 | choose one with oci:
      ggcr-layout/test_index_one_image                                | 0 | sha256:381d958b5558
      ggcr-layout/test_index_media_type                               | 2 | not a container image
      trivy-docker-save-alpine311/alpine-311.tar.gz                   | 0 | sha256:a187dde48cd2
      trivy-oci-layout-small/test.oci                                 | 0 | sha256:afb744871f99
      regclient-testrepo/testrepo                                     | 2 | choose one with oci:
      slsa-verifier-cosign-layout-v1.4.0/container_workflow_dispatch  | 0 | sha256:a74d89d8dd86
      slsa-verifier-cosign-layout-v2.1.0/container_workflow_dispatch  | 0 | sha256:d1fc0de9c6a3
      containers-image-cosign/dir-img-cosign-valid                    | 2 | is missing
      containers-image-cosign/dir-img-cosign-manifest-digest-error    | 2 | schema 1
      containers-image-cosign/dir-img-cosign-no-manifest              | 2 | neither an OCI layout
      """)
  void should_read_or_clearly_reject_every_fixture(String fixture, int exit, String expected) {
    // GIVEN
    Path p = Fixtures.real(fixture);
    // WHEN
    CliRun run = CliRun.of("inspect", p.toString());
    // THEN
    assertThat(run.code()).as(run.err()).isEqualTo(exit);
    if (exit == 0) {
      assertThat(run.out()).contains(expected);
      assertThat(run.err()).isEmpty();
    } else {
      assertThat(run.errLines()).singleElement().satisfies(l -> assertThat(l).startsWith("imagecheck: ")
          .contains(expected));
    }
  }
}
