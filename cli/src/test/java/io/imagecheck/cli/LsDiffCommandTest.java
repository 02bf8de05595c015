package io.imagecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imagecheck.fs.FileType;
import io.imagecheck.testimage.FileSpec;
import io.imagecheck.testimage.TestImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imagecheck ls} and {@code imagecheck diff} on synthetic images. */
class LsDiffCommandTest {

  @TempDir Path tmp;

  private String write(String name, TestImage image) throws IOException {
    Path dir = tmp.resolve(name);
    image.writeOciLayout(dir, "latest");
    return "oci:" + dir + ":latest";
  }

  private static TestImage.Builder base() {
    return TestImage.builder()
        .config(c -> c.user("app").addEnv("PATH", "/bin").addEnv("MODE", "prod").label("version", "1"))
        .layer("ADD rootfs /", l -> l.directory("/bin").file("/bin/busybox", "BusyBox", 0755)
            .symlink("/bin/sh", "busybox").directory("/etc").file("/etc/motd", "hello\n")
            .file("/etc/old", "old"))
        .emptyLayerStep("USER app");
  }

  @Test
  void should_list_the_tree_with_layer_and_history_step() throws IOException {
    // GIVEN an image whose second layer replaces /etc/motd and deletes /etc/old
    String ref = write("a", base().layer("RUN update", l -> l.file("/etc/motd", "bye\n").whiteout("/etc/old")).build());
    // WHEN
    CliRun run = CliRun.of("ls", ref);
    // THEN
    assertThat(run.code()).isZero();
    assertThat(run.out().lines()).contains(
        "lrwxrwxrwx 0:0          0 /bin/sh -> busybox  [layer 1, step 1]",
        "-rw-r--r-- 0:0          4 /etc/motd  [layer 2, step 3]");
    assertThat(run.out()).doesNotContain("/etc/old");
  }

  @Test
  void should_list_a_subtree_a_glob_and_one_layers_changes() throws IOException {
    String ref = write("a", base().layer("RUN update", l -> l.file("/etc/motd", "bye\n").whiteout("/etc/old")).build());
    assertThat(CliRun.of("ls", ref, "/etc").out().lines()).extracting(l -> l.substring(l.indexOf(" /") + 1))
        .containsExactly("/etc  [layer 1, step 1]", "/etc/motd  [layer 2, step 3]");
    assertThat(CliRun.of("ls", ref, "/bin/*").out().lines()).hasSize(2);
    CliRun layer2 = CliRun.of("ls", ref, "--layer", "2", "--long");
    assertThat(layer2.out().lines()).hasSize(2)
        .anySatisfy(l -> assertThat(l).startsWith("M -rw-r--r--").contains("/etc/motd").endsWith("[layer 2, step 3: RUN update]"))
        .anySatisfy(l -> assertThat(l).startsWith("D -rw-r--r--").contains("/etc/old"));
    assertThat(CliRun.of("ls", ref, "--layer", "7").code()).isEqualTo(2);
  }

  @Test
  void should_list_as_json_with_full_layer_details() throws IOException {
    String ref = write("a", TestImage.builder().layer("COPY", l -> l
        .entry(FileSpec.builder("/app", FileType.REGULAR).mode(04755).owner(10, 20).ownerNames("u", "g").content("x").build()))
        .build());
    JsonNode json = JsonMapper.builder().build().readTree(CliRun.of("ls", "--format", "json", ref).out());
    JsonNode app = json.get("entries").get(1);
    assertThat(app.get("path").asText()).isEqualTo("/app");
    assertThat(app.get("mode").asText()).isEqualTo("4755");
    assertThat(app.get("user").asText()).isEqualTo("u");
    assertThat(app.at("/layer/historyStep").asInt()).isEqualTo(1);
    assertThat(app.at("/layer/diffId").asText()).startsWith("sha256:");
  }

  @Test
  void should_report_drift_between_two_builds_and_exit_1() throws IOException {
    // GIVEN two builds: B changes content, mode, a link, adds and removes files, and changes config
    String a = write("a", base().build());
    String b = write("b", TestImage.builder()
        .config(c -> c.user("root").addEnv("PATH", "/bin").addEnv("DEBUG", "1").label("version", "2"))
        .layer("ADD rootfs /", l -> l.directory("/bin").file("/bin/busybox", "BusyBox v2", 0755)
            .symlink("/bin/sh", "/bin/busybox").directory("/etc").file("/etc/motd", "hello\n", 0600)
            .file("/etc/new", "n"))
        .build());
    // WHEN
    CliRun text = CliRun.of("diff", a, b);
    // THEN
    assertThat(text.code()).isEqualTo(1);
    assertThat(text.out().lines()).contains(
        "- /etc/old  [layer 1, step 1] (in A)",
        "+ /etc/new  [layer 1, step 1] (in B)",
        "config user: \"app\" -> \"root\"",
        "config env DEBUG: (none) -> \"1\"",
        "config env MODE: \"prod\" -> (none)",
        "config labels version: \"1\" -> \"2\"")
        .anySatisfy(l -> assertThat(l).startsWith("~ /bin/busybox  content: sha256:"))
        .anySatisfy(l -> assertThat(l).startsWith("~ /bin/sh  linkTarget: busybox -> /bin/busybox"))
        .anySatisfy(l -> assertThat(l).startsWith("~ /etc/motd  mode: 0644 -> 0600"));
    JsonNode json = JsonMapper.builder().build().readTree(CliRun.of("diff", "--format", "json", a, b).out());
    assertThat(json.get("identical").asBoolean()).isFalse();
    assertThat(json.get("changed")).extracting(c -> c.get("path").asText())
        .containsExactly("/bin/busybox", "/bin/sh", "/etc/motd");
  }

  @Test
  void should_exit_0_for_identical_images_in_different_formats() throws IOException {
    TestImage image = base().build();
    String a = write("a", image);
    image.writeDockerArchive(tmp.resolve("b.tar"), "x/y:1");
    CliRun run = CliRun.of("diff", a, "docker-archive:" + tmp.resolve("b.tar"));
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("identical: same files and config\n");
    assertThat(List.of(run.err())).containsExactly("");
  }
}
