package io.imagecheck.inspectors.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tests for {@link PackageUrl}. Expected strings are the examples and test cases of the purl
 * specification (github.com/package-url/purl-spec: {@code types/*-definition.json},
 * {@code tests/types/*-test.json}, {@code test-suite-data.json}).
 */
class PackageUrlTest {

  @Test
  void should_build_the_spec_deb_examples_keeping_the_epoch_in_the_version() {
    // GIVEN / WHEN
    String curl = PackageUrl.deb("debian", "curl", "7.50.3-1", "i386", "jessie").toString();
    String dpkg = PackageUrl.deb("debian", "dpkg", "1.19.0.4", "amd64", "stretch").toString();
    String ubuntu = PackageUrl.deb("ubuntu", "dpkg", "1.19.0.4", "amd64", null).toString();
    String attrSource = PackageUrl.deb("debian", "attr", "1:2.4.47-2", "source", null).toString();
    String attrBin = PackageUrl.deb("debian", "attr", "1:2.4.47-2+b1", "amd64", null).toString();

    // THEN
    assertThat(curl).isEqualTo("pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie");
    assertThat(dpkg).isEqualTo("pkg:deb/debian/dpkg@1.19.0.4?arch=amd64&distro=stretch");
    assertThat(ubuntu).isEqualTo("pkg:deb/ubuntu/dpkg@1.19.0.4?arch=amd64");
    assertThat(attrSource).isEqualTo("pkg:deb/debian/attr@1:2.4.47-2?arch=source");
    assertThat(attrBin).isEqualTo("pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64");
  }

  @Test
  void should_build_the_spec_apk_examples() {
    // GIVEN / WHEN
    PackageUrl curl = PackageUrl.apk("alpine", "curl", "7.83.0-r0", "x86");
    PackageUrl apk = PackageUrl.apk("Alpine", "apk", "2.12.9-r3", "x86");

    // THEN
    assertThat(curl).hasToString("pkg:apk/alpine/curl@7.83.0-r0?arch=x86");
    assertThat(apk).hasToString("pkg:apk/alpine/apk@2.12.9-r3?arch=x86");
  }

  @Test
  void should_put_the_rpm_epoch_in_a_qualifier_and_sort_qualifiers() {
    // GIVEN / WHEN
    PackageUrl curl = PackageUrl.rpm("Fedora", "curl", "7.50.3-1.fc25", null, "i386", "fedora-25");
    PackageUrl centerim =
        PackageUrl.rpm("fedora", "centerim", "4.22.10-1.el6", 1, "i686", "fedora-25");

    // THEN
    assertThat(curl).hasToString("pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25");
    assertThat(centerim)
        .hasToString("pkg:rpm/fedora/centerim@4.22.10-1.el6?arch=i686&distro=fedora-25&epoch=1");
  }

  @Test
  void should_normalise_pypi_names_as_pep_503_and_the_spec_say() {
    // GIVEN / WHEN
    PackageUrl spec = PackageUrl.pypi("My.PyPI_.--._Package", "1.11.1.dev1");
    PackageUrl django = PackageUrl.pypi("Django_package", "1.11.1.dev1");

    // THEN
    assertThat(spec).hasToString("pkg:pypi/my-pypi-package@1.11.1.dev1");
    assertThat(django).hasToString("pkg:pypi/django-package@1.11.1.dev1");
  }

  @Test
  void should_put_an_npm_scope_in_the_namespace_with_its_at_sign_encoded() {
    // GIVEN / WHEN
    PackageUrl scoped = PackageUrl.npm("@angular/animation", "12.3.1");
    PackageUrl plain = PackageUrl.npm("foobar", "12.3.1");

    // THEN
    assertThat(scoped).hasToString("pkg:npm/%40angular/animation@12.3.1");
    assertThat(scoped.namespace()).contains("@angular");
    assertThat(scoped.name()).isEqualTo("animation");
    assertThat(plain).hasToString("pkg:npm/foobar@12.3.1");
  }

  @Test
  void should_build_maven_purls_with_case_kept_and_qualifiers_sorted() {
    // GIVEN / WHEN
    PackageUrl batik = PackageUrl.maven("org.apache.xmlgraphics", "batik-anim", "1.9.1");
    PackageUrl jacob =
        PackageUrl.builder("maven")
            .namespace("net.sf.jacob-project")
            .name("jacob")
            .version("1.14.3")
            .qualifier("type", "dll")
            .qualifier("classifier", "x86")
            .build();
    PackageUrl httpClient = PackageUrl.maven("HTTPClient", "HTTPClient", "0.3-3");
    PackageUrl groovy =
        PackageUrl.builder("maven")
            .namespace("groovy")
            .name("groovy")
            .version("1.0")
            .qualifier("repository_url", "https://maven.google.com")
            .build();

    // THEN
    assertThat(batik).hasToString("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1");
    assertThat(jacob).hasToString("pkg:maven/net.sf.jacob-project/jacob@1.14.3?classifier=x86&type=dll");
    assertThat(httpClient).hasToString("pkg:maven/HTTPClient/HTTPClient@0.3-3");
    assertThat(groovy)
        .hasToString("pkg:maven/groovy/groovy@1.0?repository_url=https://maven.google.com");
  }

  @Test
  void should_percent_encode_spaces_commas_and_at_signs_but_not_colons() {
    // GIVEN
    PackageUrl spaced =
        PackageUrl.builder("maven")
            .namespace("mygroup")
            .name("myartifact")
            .version("1.0.0 Final")
            .qualifier("mykey", "my value")
            .build();
    PackageUrl checksum =
        PackageUrl.builder("generic")
            .name("openssl")
            .version("1.1.10g")
            .qualifier("checksum", "sha1:ad9503c3e994a4f,sha256:41bf9088b3a1e6c1ef1d")
            .build();
    PackageUrl vcs =
        PackageUrl.builder("npm")
            .name("mypackage")
            .version("12.4.5")
            .qualifier("vcs_url", "git://host.com/path/to/repo.git@4345abcd34343")
            .build();

    // WHEN / THEN
    assertThat(spaced).hasToString("pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value");
    assertThat(checksum)
        .hasToString(
            "pkg:generic/openssl@1.1.10g?checksum=sha1:ad9503c3e994a4f%2Csha256:41bf9088b3a1e6c1ef1d");
    assertThat(vcs)
        .hasToString("pkg:npm/mypackage@12.4.5?vcs_url=git://host.com/path/to/repo.git%404345abcd34343");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
        "pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64",
        "pkg:npm/%40angular/animation@12.3.1",
        "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io/release",
        "pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value",
        "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations",
        "pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io",
        "pkg:conda/absl-py@0.4.1?build=py36h06a4308_0&channel=main&subdir=linux-64&type=tar.bz2",
        "pkg:swift/github.com/Alamofire/Alamofire@5.4.3",
        "pkg:nuget/EnterpriseLibrary.Common@6.0.1304",
        "pkg:npm/foo@1.0.0#src/%F0%9F%98%83/file.js",
        "pkg:npm/foo@1.0.0?vcs_url=https://a.com/b/c%F0%9F%98%83d.git",
        "pkg:generic/bitwarderl?vcs_url=git%2Bhttps://git.fsfe.org/dxtr/bitwarderl%40cc55108da32"
      })
  void should_print_a_canonical_spec_purl_unchanged_after_parsing_it(String canonical)
      throws URISyntaxException {
    // GIVEN / WHEN
    PackageUrl purl = PackageUrl.parse(canonical);

    // THEN
    assertThat(purl).hasToString(canonical);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ' ',
      value = {
        "pkg:GOLANG/google.golang.org/genproto#/googleapis/api/annotations/"
            + " pkg:golang/google.golang.org/genproto#googleapis/api/annotations",
        "pkg://maven/org.apache.commons/io pkg:maven/org.apache.commons/io",
        "pkg:///maven/org.apache.commons/io pkg:maven/org.apache.commons/io",
        "pkg:Rpm/fedora/curl@7.50.3-1.fc25?Arch=i386&Distro=fedora-25"
            + " pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25",
        "pkg:PYPI/Django_package@1.11.1.dev1 pkg:pypi/django-package@1.11.1.dev1",
        "pkg:pypi/My.PyPI_.--._Package@1.11.1.dev1 pkg:pypi/my-pypi-package@1.11.1.dev1",
        "pkg:npm/LoDash@4.17.21 pkg:npm/lodash@4.17.21",
        "pkg:npm/%40MyScope/MyPackage@1.0.0 pkg:npm/%40myscope/mypackage@1.0.0",
        "pkg:npm/@babel/core#/googleapis/api/annotations/"
            + " pkg:npm/%40babel/core#googleapis/api/annotations",
        "pkg:bitbucket/birKenfeld/pyGments-main@244fd47e07d1014f0aed9c"
            + " pkg:bitbucket/birkenfeld/pygments-main@244fd47e07d1014f0aed9c",
        "pkg:github/Package-url/purl-Spec@244fd47e07d1004f0aed9c"
            + " pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c",
        "pkg:gem/jruby-launcher@1.1.2?Platform=java pkg:gem/jruby-launcher@1.1.2?platform=java",
        "pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?repositorY_url=repo.spring.io/release&classifier=sources"
            + " pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io/release",
        "pkg:rpm/centerim@4.22.10-1.el6?arch=i686&epoch=1&distro=fedora-25"
            + " pkg:rpm/centerim@4.22.10-1.el6?arch=i686&distro=fedora-25&epoch=1"
      })
  void should_print_the_spec_canonical_form_of_a_non_canonical_purl(
      String input, String canonical) throws URISyntaxException {
    // GIVEN / WHEN
    PackageUrl purl = PackageUrl.parse(input);

    // THEN
    assertThat(purl).hasToString(canonical);
  }

  @Test
  void should_parse_the_components_of_a_spec_purl() throws URISyntaxException {
    // GIVEN
    String input = "pkg:npm/mypackage@12.4.5?vcs_url=git://host.com/path/to/repo.git%404345abcd34343";

    // WHEN
    PackageUrl purl = PackageUrl.parse(input);

    // THEN
    assertThat(purl.type()).isEqualTo("npm");
    assertThat(purl.namespace()).isEmpty();
    assertThat(purl.name()).isEqualTo("mypackage");
    assertThat(purl.version()).contains("12.4.5");
    assertThat(purl.qualifiers())
        .containsExactly(Map.entry("vcs_url", "git://host.com/path/to/repo.git@4345abcd34343"));
    assertThat(purl.subpath()).isEqualTo(Optional.empty());
  }

  @Test
  void should_decode_a_unicode_subpath() throws URISyntaxException {
    // GIVEN / WHEN
    PackageUrl purl = PackageUrl.parse("pkg:npm/foo@1.0.0#src/%F0%9F%98%83/file.js");

    // THEN
    assertThat(purl.subpath()).contains("src/\uD83D\uDE03/file.js");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "EnterpriseLibrary.Common@6.0.1304",
        "pkg:EnterpriseLibrary.Common@6.0.1304",
        "pkg:n&g?inx/nginx@0.8.9",
        "pkg:3nginx/nginx@0.8.9",
        "pkg:nginx:a/nginx@0.8.9",
        "pkg:npm/myartifact@1.0.0?in%20production=true",
        "pkg:maven/@1.3.4",
        "pkg%3Amaven/org.apache.commons/io",
        "pkg:npm/",
        "pkg:npm/foo@1.0.0?key=%ZZ",
        "pkg:npm/foo@1.0.0?key=%FF"
      })
  void should_reject_the_spec_invalid_purls(String input) {
    // GIVEN / WHEN / THEN
    assertThatThrownBy(() -> PackageUrl.parse(input))
        .isInstanceOf(URISyntaxException.class)
        .hasMessageContaining(input);
  }

  @Test
  void should_refuse_to_build_a_qualifier_key_with_a_space() {
    // GIVEN
    PackageUrl.Builder builder =
        PackageUrl.builder("npm").name("myartifact").version("1.0.0").qualifier("in production", "true");

    // WHEN / THEN
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in production");
  }

  @Test
  void should_drop_qualifiers_with_empty_values_and_dot_segments_of_the_subpath() {
    // GIVEN / WHEN
    PackageUrl purl =
        PackageUrl.builder("generic")
            .name("x")
            .qualifier("arch", "")
            .qualifier("os", "linux")
            .subpath("/./a/../b/")
            .build();

    // THEN
    assertThat(purl).hasToString("pkg:generic/x?os=linux#a/b");
  }
}
