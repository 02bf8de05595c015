package io.imagecheck.inspectors.inventory;

import static io.imagecheck.testing.ReportScans.findings;
import static io.imagecheck.testing.ReportScans.result;
import static io.imagecheck.testing.ReportScans.scan;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.inspect.Severity;
import io.imagecheck.report.Report;
import io.imagecheck.testimage.TestImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The packages inspector on synthetic images, run through the scanner. */
class PackagesInspectorTest {

  private static final PackagesInspector INSPECTOR = new PackagesInspector();

  static final String DEBIAN_OS_RELEASE = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
      + "VERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nID=debian\n";

  private static String stanza(String name, String version, String arch, String status) {
    return "Package: " + name + "\nStatus: " + status + "\nPriority: optional\nInstalled-Size: 10\n"
        + "Maintainer: Someone <someone@example.org>\nArchitecture: " + arch + "\nVersion: " + version
        + "\nDescription: " + name + "\n package\n";
  }

  static String status(String... stanzas) {
    return String.join("\n", stanzas);
  }

  @SuppressWarnings("unchecked")
  static List<InstalledPackage> packages(Report report) {
    return (List<InstalledPackage>) result(report, PackagesInspector.ID).fact("packages").orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> databases(Report report) {
    return (List<Map<String, Object>>) result(report, PackagesInspector.ID).fact("databases").orElseThrow();
  }

  @Test
  void should_list_installed_dpkg_packages_with_debian_purls_sorted_by_name() throws IOException {
    // GIVEN a dpkg status with two installed packages (one with an epoch) and one removed, and os-release
    // reached through the usual /etc/os-release -> ../usr/lib/os-release link
    TestImage image = TestImage.builder().layer("debootstrap", l -> l
        .file("/usr/lib/os-release", DEBIAN_OS_RELEASE)
        .symlink("/etc/os-release", "../usr/lib/os-release")
        .file("/var/lib/dpkg/status", status(
            stanza("zlib1g", "1:1.2.13.dfsg-1", "amd64", "install ok installed"),
            stanza("bash", "5.2.15-2+b2", "amd64", "install ok installed"),
            stanza("git", "1:2.39.2-1.1", "amd64", "deinstall ok config-files"))))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN the two installed packages are listed, sorted, epochs kept, with purls and the layer origin
    assertThat(packages(report)).extracting(InstalledPackage::name, InstalledPackage::version, InstalledPackage::purl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("bash", "5.2.15-2+b2",
                "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12"),
            org.assertj.core.groups.Tuple.tuple("zlib1g", "1:1.2.13.dfsg-1",
                "pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12"));
    assertThat(packages(report)).allSatisfy(p -> {
      assertThat(p.ecosystem()).isEqualTo("deb");
      assertThat(p.arch()).contains("amd64");
      assertThat(p.sourcePath()).isEqualTo("/var/lib/dpkg/status");
      assertThat(p.origin()).hasValueSatisfying(o -> assertThat(o.createdBy()).contains("debootstrap"));
    });
    InspectorResult r = result(report, PackagesInspector.ID);
    assertThat(r.fact("counts")).contains(Map.of("deb", 2));
    assertThat(databases(report)).containsExactly(Map.of("path", "/var/lib/dpkg/status", "kind", "dpkg-status",
        "packageCount", 2, "layer", 1, "notInstalled", 1));
    assertThat(r.fact("os")).contains(Map.of("id", "debian", "versionId", "12", "versionCodename", "bookworm",
        "prettyName", "Debian GNU/Linux 12 (bookworm)"));
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void should_not_count_a_database_deleted_by_a_later_layer() throws IOException {
    // GIVEN an apk database written by layer 1 and deleted by layer 2
    TestImage image = TestImage.builder()
        .layer("FROM alpine", l -> l.file("/lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\n\n"))
        .layer("RUN rm -rf /lib/apk", l -> l.whiteout("/lib/apk"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN the inventory is empty
    assertThat(packages(report)).isEmpty();
    assertThat(result(report, PackagesInspector.ID).fact("counts")).contains(Map.of());
    assertThat(databases(report)).isEmpty();
  }

  @Test
  void should_read_the_copy_of_the_final_tree_when_a_later_layer_rewrites_the_database() throws IOException {
    // GIVEN an apk database with one package in layer 1 and two in layer 2
    TestImage image = TestImage.builder()
        .layer("FROM alpine", l -> l.file("/lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\n\n"))
        .layer("RUN apk add zlib", l -> l.file("/lib/apk/db/installed",
            "P:musl\nV:1.2.4-r2\nA:x86_64\n\nP:zlib\nV:1.3-r2\nA:x86_64\nL:Zlib\n\n"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN two packages, both from layer 2; no os-release: no namespace or distro in the purl
    assertThat(packages(report)).extracting(InstalledPackage::purl).containsExactly(
        "pkg:apk/musl@1.2.4-r2?arch=x86_64", "pkg:apk/zlib@1.3-r2?arch=x86_64");
    assertThat(packages(report)).allSatisfy(p -> assertThat(p.origin()).hasValueSatisfying(o ->
        assertThat(o.layerNumber()).isEqualTo(2)));
    assertThat(packages(report).get(1).license()).contains("Zlib");
  }

  @Test
  void should_report_a_malformed_database_as_low_and_still_list_the_others() throws IOException {
    // GIVEN a garbage rpm database and a good apk database
    TestImage image = TestImage.builder().layer("COPY . /", l -> l
        .file("/var/lib/rpm/rpmdb.sqlite", "this is not a database at all, just text".repeat(4))
        .file("/lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\n\n"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN one LOW finding names the file and the reader's problem; the apk package is still listed
    assertThat(findings(report, PackagesInspector.DATABASE_UNREADABLE)).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.path()).contains("/var/lib/rpm/rpmdb.sqlite");
      assertThat(f.message()).startsWith("rpm file /var/lib/rpm/rpmdb.sqlite cannot be read: /var/lib/rpm/rpmdb.sqlite: ");
    });
    assertThat(packages(report)).extracting(InstalledPackage::name).containsExactly("musl");
    assertThat(databases(report)).filteredOn(d -> d.get("kind").equals("rpm")).singleElement()
        .satisfies(d -> assertThat(d).containsKey("error").containsEntry("packageCount", 0));
  }

  @Test
  void should_not_read_a_file_larger_than_its_kind_limit() throws IOException {
    // GIVEN a distroless status.d file over its 4 MiB limit
    String big = stanza("big", "1.0", "all", "install ok installed") + " " + "x".repeat(4 << 20) + "\n";
    TestImage image = TestImage.builder().layer("COPY . /", l -> l.file("/var/lib/dpkg/status.d/big", big)).build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN it is reported as unreadable, not parsed
    assertThat(findings(report, PackagesInspector.DATABASE_UNREADABLE)).singleElement().satisfies(f -> assertThat(
        f.message()).isEqualTo("dpkg-status.d file /var/lib/dpkg/status.d/big cannot be read: /var/lib/dpkg/status.d/big has "
            + big.length() + " bytes, more than the 4194304 bytes read for a dpkg-status.d file; not read"));
    assertThat(packages(report)).isEmpty();
  }

  @Test
  void should_list_python_distributions_with_their_installer() throws IOException {
    // GIVEN a pip-installed dist-info and a distro egg-info
    TestImage image = TestImage.builder().layer("RUN pip install", l -> l
        .file("/usr/local/lib/python3.12/site-packages/Demo_Pkg-1.2.3.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: Demo_Pkg\nVersion: 1.2.3\nLicense: MIT\n\nlong description\n")
        .file("/usr/local/lib/python3.12/site-packages/Demo_Pkg-1.2.3.dist-info/INSTALLER", "pip\n")
        .file("/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO",
            "Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\n"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN both are pypi packages with normalised purls; the pip one names its installer
    assertThat(packages(report)).extracting(InstalledPackage::name, InstalledPackage::purl, InstalledPackage::metadata)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Demo_Pkg", "pkg:pypi/demo-pkg@1.2.3", Map.of("installer", "pip")),
            org.assertj.core.groups.Tuple.tuple("six", "pkg:pypi/six@1.16.0", Map.of()));
    assertThat(packages(report).get(0).license()).contains("MIT");
  }

  @Test
  void should_list_npm_packages_once_preferring_installed_manifests_over_lockfile_entries() throws IOException {
    // GIVEN installed ms and @scope/util, and a lockfile listing them plus one package not installed
    String lock = "{\"name\": \"app\", \"version\": \"1.0.0\", \"lockfileVersion\": 3, \"packages\": {"
        + "\"\": {\"name\": \"app\", \"version\": \"1.0.0\"},"
        + "\"node_modules/ms\": {\"version\": \"2.1.3\"},"
        + "\"node_modules/@scope/util\": {\"version\": \"0.2.0\"},"
        + "\"node_modules/left-pad\": {\"version\": \"1.3.0\", \"dev\": true}}}";
    TestImage image = TestImage.builder().layer("RUN npm ci", l -> l
        .file("/app/package-lock.json", lock)
        .file("/app/node_modules/ms/package.json", "{\"name\": \"ms\", \"version\": \"2.1.3\", \"license\": \"MIT\"}")
        .file("/app/node_modules/@scope/util/package.json", "{\"name\": \"@scope/util\", \"version\": \"0.2.0\"}")
        .file("/app/node_modules/ms/test/package.json", "{\"name\": \"fixture\", \"version\": \"0.0.0\"}"))
        .build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN three packages: two from their manifests, the missing one from the lockfile
    assertThat(packages(report)).extracting(p -> p.purl() + " " + p.metadata().get("evidence") + " "
        + p.sourcePath()).containsExactly(
            "pkg:npm/%40scope/util@0.2.0 package.json /app/node_modules/@scope/util/package.json",
            "pkg:npm/left-pad@1.3.0 lockfile /app/package-lock.json",
            "pkg:npm/ms@2.1.3 package.json /app/node_modules/ms/package.json");
    assertThat(packages(report).get(1).metadata()).containsEntry("dev", "true");
  }

  @Test
  void should_stream_java_archives_and_list_their_maven_packages() throws IOException {
    // GIVEN a jar with a pom.properties
    byte[] jar = jar(Map.of(
        "META-INF/maven/org.example/demo/pom.properties", "groupId=org.example\nartifactId=demo\nversion=1.4.2\n",
        "org/example/Demo.class", "cafebabe"));
    TestImage image = TestImage.builder().layer("COPY app.jar /app/", l -> l.file("/app/app.jar", jar)).build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN one maven package with its purl, read from the jar
    assertThat(packages(report)).singleElement().satisfies(p -> {
      assertThat(p.ecosystem()).isEqualTo("maven");
      assertThat(p.name()).isEqualTo("demo");
      assertThat(p.version()).isEqualTo("1.4.2");
      assertThat(p.purl()).isEqualTo("pkg:maven/org.example/demo@1.4.2");
      assertThat(p.sourcePath()).isEqualTo("/app/app.jar");
      assertThat(p.metadata()).containsEntry("groupId", "org.example").containsEntry("evidence", "pom-properties");
    });
    assertThat(databases(report)).containsExactly(Map.of("path", "/app/app.jar", "kind", "java-archive",
        "packageCount", 1, "layer", 1));
  }

  @Test
  void should_report_a_jar_that_is_not_a_zip_as_unreadable() throws IOException {
    // GIVEN a .jar file that is text
    TestImage image = TestImage.builder().layer("COPY . /", l -> l.file("/app/broken.jar", "not a zip")).build();
    // WHEN scanned
    Report report = scan(image, INSPECTOR);
    // THEN a LOW finding, no package
    assertThat(findings(report, PackagesInspector.DATABASE_UNREADABLE)).singleElement()
        .satisfies(f -> assertThat(f.message()).startsWith("java-archive file /app/broken.jar cannot be read: "));
    assertThat(packages(report)).isEmpty();
  }

  @Test
  void should_parse_os_release_quotes_escapes_and_comments() {
    // GIVEN an os-release with quoting styles
    byte[] content = ("# comment\nID='rhel'\nVERSION_ID=\"9.3\"\nPRETTY_NAME=\"Red Hat \\\"Enterprise\\\" Linux\"\n"
        + "VERSION_CODENAME=\n").getBytes(StandardCharsets.UTF_8);
    // WHEN parsed
    OsRelease os = OsRelease.parse(content);
    // THEN the fields are unquoted and the distro qualifier is ID-VERSION_ID
    assertThat(os.id()).contains("rhel");
    assertThat(os.versionId()).contains("9.3");
    assertThat(os.prettyName()).contains("Red Hat \"Enterprise\" Linux");
    assertThat(os.versionCodename()).isEmpty();
    assertThat(os.distro()).contains("rhel-9.3");
  }

  static byte[] jar(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
