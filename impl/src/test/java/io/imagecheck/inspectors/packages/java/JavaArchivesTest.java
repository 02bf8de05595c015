package io.imagecheck.inspectors.packages.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.imagecheck.inspectors.packages.PackageDatabaseException;
import io.imagecheck.inspectors.packages.PackageDatabaseWarning;
import io.imagecheck.inspectors.packages.PackageUrl;
import io.imagecheck.inspectors.packages.java.JavaPackage.Evidence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tests for {@link JavaArchives}, on archives built in memory with {@link JarOutputStream}. */
class JavaArchivesTest {

  /** One entry of a test archive. */
  private record Entry(String name, byte[] content, boolean stored) {}

  private static Entry deflated(String name, byte[] content) {
    return new Entry(name, content, false);
  }

  private static Entry stored(String name, byte[] content) {
    return new Entry(name, content, true);
  }

  private static Entry pom(String groupId, String artifactId, String version) {
    String props =
        "#Created by Apache Maven 3.9.6\nartifactId=" + artifactId + "\ngroupId=" + groupId
            + "\nversion=" + version + "\n";
    return deflated(
        "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties",
        props.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static byte[] jar(Map<String, String> manifest, Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JarOutputStream out;
    if (manifest.isEmpty()) {
      out = new JarOutputStream(bytes);
    } else {
      Manifest m = new Manifest();
      m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
      out = new JarOutputStream(bytes, m);
    }
    try (out) {
      for (Entry e : entries) {
        ZipEntry z = new ZipEntry(e.name());
        if (e.stored()) {
          CRC32 crc = new CRC32();
          crc.update(e.content());
          z.setMethod(ZipEntry.STORED);
          z.setSize(e.content().length);
          z.setCompressedSize(e.content().length);
          z.setCrc(crc.getValue());
        }
        out.putNextEntry(z);
        out.write(e.content());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] jar(Entry... entries) throws IOException {
    return jar(Map.of(), entries);
  }

  private static Map<String, String> manifest(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static JavaArchiveScan read(String path, byte[] archive) throws IOException {
    return JavaArchives.read(path, new ByteArrayInputStream(archive));
  }

  private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0};

  @Test
  void should_read_a_spring_boot_jar_and_the_libraries_nested_in_it() throws IOException {
    // GIVEN
    byte[] springCore =
        jar(
            manifest("Automatic-Module-Name", "spring.core"),
            pom("org.springframework", "spring-core", "6.1.0"),
            deflated("org/springframework/core/SpringVersion.class", CLASS));
    byte[] commonsLogging =
        jar(
            manifest(
                "Implementation-Title", "Apache Commons Logging",
                "Implementation-Version", "1.2",
                "Implementation-Vendor-Id", "org.apache"),
            deflated("org/apache/commons/logging/Log.class", CLASS));
    byte[] tool =
        jar(
            manifest(
                "Bundle-SymbolicName", "org.example.tool;singleton:=true",
                "Bundle-Version", "3.0.0"));
    byte[] bare = jar(deflated("bare/Bare.class", CLASS));
    byte[] app =
        jar(
            manifest(
                "Main-Class", "org.springframework.boot.loader.launch.JarLauncher",
                "Start-Class", "com.example.Demo"),
            pom("com.example", "demo", "0.0.1-SNAPSHOT"),
            deflated("BOOT-INF/classes/com/example/Demo.class", CLASS),
            stored("BOOT-INF/lib/spring-core-6.1.0.jar", springCore),
            stored("BOOT-INF/lib/commons-logging-1.2.jar", commonsLogging),
            deflated("BOOT-INF/lib/tool.jar", tool),
            stored("BOOT-INF/lib/bare-0.9.jar", bare));

    // WHEN
    JavaArchiveScan scan = read("/app/app.jar", app);

    // THEN
    String lib = "/app/app.jar!/BOOT-INF/lib/";
    assertThat(scan.archives())
        .extracting(JavaArchive::path, JavaArchive::depth)
        .containsExactly(
            tuple("/app/app.jar", 0),
            tuple(lib + "spring-core-6.1.0.jar", 1),
            tuple(lib + "commons-logging-1.2.jar", 1),
            tuple(lib + "tool.jar", 1),
            tuple(lib + "bare-0.9.jar", 1));
    assertThat(scan.packages())
        .extracting(
            JavaPackage::groupId,
            JavaPackage::artifactId,
            JavaPackage::version,
            JavaPackage::archivePath,
            JavaPackage::evidence)
        .containsExactly(
            tuple(Optional.of("com.example"), "demo", Optional.of("0.0.1-SNAPSHOT"),
                "/app/app.jar", Evidence.POM_PROPERTIES),
            tuple(Optional.of("org.springframework"), "spring-core", Optional.of("6.1.0"),
                lib + "spring-core-6.1.0.jar", Evidence.POM_PROPERTIES),
            tuple(Optional.of("org.apache"), "commons-logging", Optional.of("1.2"),
                lib + "commons-logging-1.2.jar", Evidence.MANIFEST),
            tuple(Optional.empty(), "org.example.tool", Optional.of("3.0.0"), lib + "tool.jar",
                Evidence.MANIFEST),
            tuple(Optional.empty(), "bare", Optional.of("0.9"), lib + "bare-0.9.jar",
                Evidence.FILE_NAME));
    assertThat(scan.packages().stream().map(JavaPackage::purl).map(o -> o.map(PackageUrl::toString)))
        .containsExactly(
            Optional.of("pkg:maven/com.example/demo@0.0.1-SNAPSHOT"),
            Optional.of("pkg:maven/org.springframework/spring-core@6.1.0"),
            Optional.of("pkg:maven/org.apache/commons-logging@1.2"),
            Optional.empty(),
            Optional.empty());
    assertThat(scan.archives().get(0).manifest()).containsEntry("Start-Class", "com.example.Demo");
    assertThat(scan.archives().get(1).manifest())
        .containsExactly(Map.entry("Automatic-Module-Name", "spring.core"));
    assertThat(scan.warnings()).isEmpty();
  }

  @Test
  void should_read_web_inf_lib_of_a_war_inside_an_ear() throws IOException {
    // GIVEN
    byte[] guava = jar(pom("com.google.guava", "guava", "32.1.2-jre"));
    byte[] war = jar(pom("com.example", "web", "1.0"), deflated("WEB-INF/lib/guava-32.1.2-jre.jar", guava));
    byte[] ear = jar(deflated("META-INF/application.xml", new byte[] {'<', '/', '>'}),
        deflated("web.war", war));

    // WHEN
    JavaArchiveScan scan = read("/opt/app.ear", ear);

    // THEN
    assertThat(scan.packages())
        .extracting(JavaPackage::artifactId, JavaPackage::archivePath)
        .containsExactly(
            tuple("web", "/opt/app.ear!/web.war"),
            tuple("guava", "/opt/app.ear!/web.war!/WEB-INF/lib/guava-32.1.2-jre.jar"));
    assertThat(scan.archives())
        .extracting(JavaArchive::depth)
        .containsExactly(0, 1, 2);
    assertThat(scan.archives().get(0).packages()).isEmpty();
  }

  @Test
  void should_list_every_pom_properties_of_a_shaded_jar() throws IOException {
    // GIVEN
    byte[] shaded =
        jar(
            pom("com.example", "cli", "2.0.0"),
            pom("info.picocli", "picocli", "4.7.5"),
            pom("com.fasterxml.jackson.core", "jackson-core", "2.17.0"));

    // WHEN
    JavaArchiveScan scan = read("/usr/share/cli/cli.jar", shaded);

    // THEN
    assertThat(scan.packages())
        .extracting(p -> p.purl().orElseThrow().toString())
        .containsExactly(
            "pkg:maven/com.example/cli@2.0.0",
            "pkg:maven/info.picocli/picocli@4.7.5",
            "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.17.0");
  }

  @Test
  void should_open_nested_archives_down_to_depth_4_only() throws IOException {
    // GIVEN: lib-0.jar contains lib-1.jar contains ... lib-9.jar
    byte[] inner = jar(pom("org.chain", "lib-9", "1.0.9"));
    for (int i = 8; i >= 0; i--) {
      inner = jar(pom("org.chain", "lib-" + i, "1.0." + i), stored("lib-" + (i + 1) + ".jar", inner));
    }

    // WHEN
    JavaArchiveScan scan = read("/lib-0.jar", inner);

    // THEN
    assertThat(scan.packages())
        .extracting(JavaPackage::artifactId)
        .containsExactly("lib-0", "lib-1", "lib-2", "lib-3", "lib-4");
    assertThat(scan.packages().get(4).archivePath())
        .isEqualTo("/lib-0.jar!/lib-1.jar!/lib-2.jar!/lib-3.jar!/lib-4.jar");
    assertThat(scan.warnings())
        .containsExactly(
            new PackageDatabaseWarning(
                "/lib-0.jar!/lib-1.jar!/lib-2.jar!/lib-3.jar!/lib-4.jar!/lib-5.jar",
                "nested archive deeper than 4 levels, not opened"));
  }

  @Test
  @Timeout(30)
  void should_stop_inflating_a_zip_bomb_like_entry_at_the_limit() throws IOException {
    // GIVEN: 64 MiB of zeros deflate to about 64 KiB, inside a nested jar
    byte[] zeros = new byte[64 << 20];
    byte[] bomb = jar(pom("org.bomb", "inner", "1"), deflated("zeros.bin", zeros));
    byte[] outer = jar(pom("org.bomb", "outer", "1"), deflated("BOOT-INF/lib/bomb.jar", bomb),
        pom("org.bomb", "after", "1"));
    JavaArchiveLimits limits = new JavaArchiveLimits(4, 1_000, 8L << 20, 1 << 20);

    // WHEN
    JavaArchiveScan scan = JavaArchives.read("/b.jar", new ByteArrayInputStream(outer), limits);

    // THEN
    assertThat(outer.length).isLessThan(1 << 20);
    assertThat(scan.packages()).extracting(JavaPackage::artifactId).containsExactly("outer", "inner");
    assertThat(scan.warnings())
        .extracting(PackageDatabaseWarning::problem)
        .containsExactly(
            "more than 8388608 bytes inflated; reading stopped, the packages found so far are kept");
  }

  @Test
  void should_stop_at_the_entry_limit() throws IOException {
    // GIVEN
    Entry[] entries = new Entry[200];
    entries[0] = pom("org.many", "many", "1.0");
    for (int i = 1; i < entries.length; i++) {
      entries[i] = deflated("c/C" + i + ".class", CLASS);
    }
    byte[] many = jar(entries);

    // WHEN
    JavaArchiveScan scan =
        JavaArchives.read("/many.jar", new ByteArrayInputStream(many),
            new JavaArchiveLimits(4, 100, 1L << 30, 1 << 20));

    // THEN
    assertThat(scan.packages()).extracting(JavaPackage::artifactId).containsExactly("many");
    assertThat(scan.warnings())
        .extracting(PackageDatabaseWarning::problem)
        .containsExactly(
            "more than 100 zip entries; reading stopped, the packages found so far are kept");
  }

  @Test
  void should_skip_a_pom_properties_over_the_metadata_limit() throws IOException {
    // GIVEN
    byte[] big = jar(deflated("META-INF/maven/g/a/pom.properties",
        ("groupId=g\nartifactId=a\nversion=1\n#" + "x".repeat(500) + "\n")
            .getBytes(StandardCharsets.ISO_8859_1)));

    // WHEN
    JavaArchiveScan scan =
        JavaArchives.read("/opt/a-1.0.jar", new ByteArrayInputStream(big),
            new JavaArchiveLimits(4, 100, 1L << 30, 64));

    // THEN
    assertThat(scan.warnings())
        .containsExactly(
            new PackageDatabaseWarning(
                "/opt/a-1.0.jar!/META-INF/maven/g/a/pom.properties", "larger than 64 bytes, not read"));
    assertThat(scan.packages())
        .extracting(JavaPackage::artifactId, JavaPackage::version, JavaPackage::evidence)
        .containsExactly(tuple("a", Optional.of("1.0"), Evidence.FILE_NAME));
  }

  @Test
  void should_warn_about_broken_nested_archives_and_read_on() throws IOException {
    // GIVEN
    byte[] truncatedHeader = Arrays.copyOf(jar(pom("x", "x", "1")), 20);
    byte[] good = jar(pom("org.good", "good", "2.0"));
    byte[] outer =
        jar(
            stored("BOOT-INF/lib/fake.jar", "just text".getBytes(StandardCharsets.US_ASCII)),
            stored("BOOT-INF/lib/cut-1.0.jar", truncatedHeader),
            stored("BOOT-INF/lib/good-2.0.jar", good));

    // WHEN
    JavaArchiveScan scan = read("/app.jar", outer);

    // THEN
    assertThat(scan.packages()).extracting(JavaPackage::artifactId).containsExactly("good");
    assertThat(scan.warnings())
        .extracting(PackageDatabaseWarning::path, PackageDatabaseWarning::problem)
        .containsExactly(
            tuple("/app.jar!/BOOT-INF/lib/fake.jar",
                "not a zip archive (no zip local header signature), skipped"),
            tuple("/app.jar!/BOOT-INF/lib/cut-1.0.jar",
                "corrupt nested archive (truncated in the first entry header), the rest of it"
                    + " skipped"));
  }

  @Test
  void should_reject_a_top_level_stream_that_is_not_a_zip() {
    // GIVEN
    byte[] text = "#!/bin/sh\necho not a jar\n".getBytes(StandardCharsets.US_ASCII);

    // WHEN / THEN
    assertThatThrownBy(() -> read("/usr/bin/tool.jar", text))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage("/usr/bin/tool.jar: not a zip archive: no zip local header signature");
  }

  @Test
  void should_reject_a_truncated_top_level_archive() throws IOException {
    // GIVEN
    byte[] whole = jar(pom("g", "a", "1"), deflated("big.bin", new byte[100_000]));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);

    // WHEN / THEN
    assertThatThrownBy(() -> read("/cut.jar", cut))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage("/cut.jar: corrupt archive: big.bin: Unexpected end of ZLIB input stream");
  }

  @Test
  void should_read_an_empty_zip_as_an_archive_without_packages() throws IOException {
    // GIVEN
    byte[] empty = jar();

    // WHEN
    JavaArchiveScan scan = read("/empty.jar", empty);

    // THEN
    assertThat(scan.archives()).extracting(JavaArchive::path).containsExactly("/empty.jar");
    assertThat(scan.packages()).isEmpty();
    assertThat(scan.warnings()).isEmpty();
  }

  @Test
  void should_leave_the_callers_stream_open() throws IOException {
    // GIVEN
    boolean[] closed = {false};
    var in =
        new FilterInputStream(new ByteArrayInputStream(jar(pom("g", "a", "1")))) {
          @Override
          public void close() throws IOException {
            closed[0] = true;
            super.close();
          }
        };

    // WHEN
    JavaArchiveScan scan = JavaArchives.read("/a.jar", in);

    // THEN
    assertThat(scan.packages()).hasSize(1);
    assertThat(closed[0]).isFalse();
  }
}
