package io.imagecheck.inspectors.packages.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests for {@link PythonDistributions} and {@link PythonPackage}. */
class PythonDistributionsTest {

  private static final String SITE = "/usr/local/lib/python3.12/site-packages";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void should_read_the_headers_of_a_wheel_metadata_and_ignore_its_body()
      throws PackageDatabaseException {
    // GIVEN
    String metadata =
        """
        Metadata-Version: 2.1
        Name: Flask_Cors
        Version: 4.0.1
        Summary: A Flask extension adding a decorator for CORS support
        Home-page: https://github.com/corydolphin/flask-cors
        Author: Cory Dolphin
        Author-email: corydolphin@gmail.com
        License: MIT
        Platform: any
        Classifier: Environment :: Web Environment
        Classifier: License :: OSI Approved :: MIT License
        Requires-Dist: Flask >=0.9
        Description-Content-Type: text/markdown

        Name: not-a-header
        Version: 0.0.0
        License: this is the long description, not a header
        """;

    // WHEN
    PythonPackage p =
        PythonDistributions.parseMetadata(
            SITE + "/Flask_Cors-4.0.1.dist-info/METADATA", utf8(metadata));

    // THEN
    assertThat(p.name()).isEqualTo("Flask_Cors");
    assertThat(p.version()).isEqualTo("4.0.1");
    assertThat(p.summary()).contains("A Flask extension adding a decorator for CORS support");
    assertThat(p.author()).contains("Cory Dolphin");
    assertThat(p.license()).contains("MIT");
    assertThat(p.installer()).isEmpty();
    assertThat(p.files()).isEmpty();
    assertThat(p.normalizedName()).isEqualTo("flask-cors");
    assertThat(p.purl()).hasToString("pkg:pypi/flask-cors@4.0.1");
    assertThat(p.metadataPath()).isEqualTo(SITE + "/Flask_Cors-4.0.1.dist-info/METADATA");
  }

  @Test
  void should_prefer_license_expression_and_treat_unknown_as_absent()
      throws PackageDatabaseException {
    // GIVEN
    String modern =
        "Metadata-Version: 2.4\nName: click\nVersion: 8.4.0\nLicense: BSD\n"
            + "License-Expression: BSD-3-Clause\n";
    String old =
        "Metadata-Version: 1.0\nName: legacy\nVersion: 0.1\nSummary: UNKNOWN\n"
            + "Author: UNKNOWN\nLicense: UNKNOWN\n";

    // WHEN
    PythonPackage click = PythonDistributions.parseMetadata("/m/METADATA", utf8(modern));
    PythonPackage legacy = PythonDistributions.parseMetadata("/m/PKG-INFO", utf8(old));

    // THEN
    assertThat(click.license()).contains("BSD-3-Clause");
    assertThat(legacy.license()).isEmpty();
    assertThat(legacy.summary()).isEmpty();
    assertThat(legacy.author()).isEmpty();
  }

  @Test
  void should_unfold_a_multi_line_license_header() throws PackageDatabaseException {
    // GIVEN
    String metadata =
        "Metadata-Version: 2.1\nName: x\nVersion: 1\nLicense: Copyright (c) 2024 X\n"
            + "        \n        Permission is hereby granted\nClassifier: A\n";

    // WHEN
    PythonPackage p = PythonDistributions.parseMetadata("/m/METADATA", utf8(metadata));

    // THEN
    assertThat(p.license()).contains("Copyright (c) 2024 X\n\nPermission is hereby granted");
  }

  @Test
  void should_end_the_headers_at_a_line_that_is_not_a_header_like_email_parser()
      throws PackageDatabaseException {
    // GIVEN
    String metadata = "Name: early\nVersion: 2.0\nno colon here\nSummary: not read\n";

    // WHEN
    PythonPackage p = PythonDistributions.parseMetadata("/m/METADATA", utf8(metadata));

    // THEN
    assertThat(p.version()).isEqualTo("2.0");
    assertThat(p.summary()).isEmpty();
  }

  @Test
  void should_reject_metadata_without_a_version() {
    // GIVEN
    String metadata = "Metadata-Version: 2.1\nName: nover\nSummary: s\n";
    String path = SITE + "/nover.dist-info/METADATA";

    // WHEN / THEN
    assertThatThrownBy(() -> PythonDistributions.parseMetadata(path, utf8(metadata)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(path + ": core metadata of nover has no Version header");
  }

  @Test
  void should_reject_metadata_that_is_not_utf8() {
    // GIVEN
    byte[] metadata = "Name: bad\nVersion: 1\nAuthor: Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    // WHEN / THEN
    assertThatThrownBy(() -> PythonDistributions.parseMetadata("/m/METADATA", metadata))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage("/m/METADATA: not valid UTF-8 near byte offset 32");
  }

  @Test
  void should_resolve_record_rows_against_site_packages_including_quoted_and_script_paths()
      throws PackageDatabaseException {
    // GIVEN
    String record =
        """
        demo/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0
        "demo/data, with comma.txt",sha256=abc,12
        "demo/say ""hi"".txt",,
        ../../../bin/demo-cli,sha256=def,220
        demo-1.0.dist-info/RECORD,,
        demo/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0
        """;

    // WHEN
    var files =
        PythonDistributions.parseFileList(SITE + "/demo-1.0.dist-info/RECORD", utf8(record));

    // THEN
    assertThat(files)
        .containsExactly(
            SITE + "/demo/__init__.py",
            SITE + "/demo/data, with comma.txt",
            SITE + "/demo/say \"hi\".txt",
            "/usr/local/bin/demo-cli",
            SITE + "/demo-1.0.dist-info/RECORD");
  }

  @Test
  void should_reject_a_record_row_with_an_unclosed_quote() {
    // GIVEN
    String record = "ok.py,,\n\"broken.py,,\n";

    // WHEN / THEN
    assertThatThrownBy(
            () -> PythonDistributions.parseFileList(SITE + "/d-1.dist-info/RECORD", utf8(record)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(SITE + "/d-1.dist-info/RECORD: line 2: unclosed quote in CSV row");
  }

  @Test
  void should_read_an_egg_info_with_installed_files_and_installer() throws PackageDatabaseException {
    // GIVEN
    String dir = SITE + "/Demo_Pkg.Sub-1.2.3-py3.12.egg-info";
    String pkgInfo = "Metadata-Version: 2.1\nName: Demo_Pkg.Sub\nVersion: 1.2.3\nSummary: A demo\n";
    String installed = "../demo.py\n../__pycache__/demo.cpython-312.pyc\nPKG-INFO\n";

    // WHEN
    PythonPackage p =
        PythonDistributions.read(
            dir + "/PKG-INFO", utf8(pkgInfo), utf8("pip\n"), utf8(installed));

    // THEN
    assertThat(p.name()).isEqualTo("Demo_Pkg.Sub");
    assertThat(p.normalizedName()).isEqualTo("demo-pkg-sub");
    assertThat(p.purl()).hasToString("pkg:pypi/demo-pkg-sub@1.2.3");
    assertThat(p.installer()).contains("pip");
    assertThat(p.files())
        .containsExactly(
            SITE + "/demo.py", SITE + "/__pycache__/demo.cpython-312.pyc", dir + "/PKG-INFO");
  }

  @Test
  void should_recognise_the_metadata_file_shapes() {
    // GIVEN / WHEN / THEN
    assertThat(PythonDistributions.isMetadataPath(SITE + "/x-1.dist-info/METADATA")).isTrue();
    assertThat(PythonDistributions.isMetadataPath(SITE + "/x-1.egg-info/PKG-INFO")).isTrue();
    assertThat(PythonDistributions.isMetadataPath("/usr/lib/python3/dist-packages/x-1.egg-info"))
        .isTrue();
    assertThat(PythonDistributions.isMetadataPath(SITE + "/x-1.dist-info/RECORD")).isFalse();
    assertThat(PythonDistributions.isMetadataPath(SITE + "/x/METADATA")).isFalse();
    assertThat(PythonDistributions.isMetadataPath(SITE + "/.egg-info")).isFalse();
  }

  @Test
  @Timeout(10)
  void should_read_past_a_header_of_a_million_continuation_lines()
      throws PackageDatabaseException {
    // GIVEN
    String metadata =
        "Name: big\nVersion: 1\nClassifier: x\n" + "  more classifier text\n".repeat(1_000_000)
            + "Summary: after\n";

    // WHEN
    PythonPackage p = PythonDistributions.parseMetadata("/m/METADATA", utf8(metadata));

    // THEN
    assertThat(p.summary()).contains("after");
  }
}
