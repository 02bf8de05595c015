package io.imagecheck.testing.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Images built with real third-party tools for the registry tests, once per test JVM, into
 * {@code target/registry-it-images}: {@code umoci} layouts (a busybox image; a three-layer image with
 * file whiteouts, a directory whiteout and an opaque directory), a zstd copy made by {@code skopeo},
 * and a two-platform index (amd64 + arm64) made by {@code buildah manifest}. {@link #push} copies them
 * into a registry with {@code skopeo}, as OCI and as Docker v2s2.
 */
public final class RegistryTestImages {

  /**
   * One image pushed to a registry.
   *
   * @param repoTag the registry repository and tag, e.g. {@code lab/busybox:v2s2}
   * @param layout the local layout reference it was copied from, e.g. {@code oci:/x/busybox.oci:latest}
   * @param index whether it is a multi-platform index
   */
  public record Pushed(String repoTag, String layout, boolean index) {}

  private static final Duration T = Duration.ofSeconds(300);
  private static Path built;

  private RegistryTestImages() {}

  /**
   * Builds the images (or returns the directory built earlier in this JVM).
   *
   * @return the directory with {@code busybox.oci}, {@code busybox-zstd.oci}, {@code layered.oci}, {@code multi.oci}
   * @throws IOException when a tool fails
   */
  public static synchronized Path build() throws IOException {
    Commands.assumeInstalled("umoci", "skopeo", "buildah");
    if (built != null) {
      return built;
    }
    Path out = Path.of("target", "registry-it-images").toAbsolutePath();
    if (Files.exists(out.resolve(".complete"))) {
      built = out;
      return out;
    }
    deleteTree(out);
    Path w = out.resolve(".work");
    Files.createDirectories(w);
    long t0 = System.nanoTime();

    // busybox: umoci insert of a small rootfs
    Path r = w.resolve("busybox-rootfs");
    Files.createDirectories(r.resolve("bin"));
    Files.createDirectories(r.resolve("etc"));
    Files.createDirectories(r.resolve("tmp"));
    Path busybox = Path.of("/bin/busybox");
    if (Files.isRegularFile(busybox)) {
      Files.copy(busybox, r.resolve("bin/busybox"));
    } else {
      Files.writeString(r.resolve("bin/busybox"), "#!/bin/true\n", StandardCharsets.UTF_8);
    }
    for (String a : List.of("sh", "ls", "cat", "echo")) {
      Files.createSymbolicLink(r.resolve("bin").resolve(a), Path.of("busybox"));
    }
    Files.writeString(r.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n", StandardCharsets.UTF_8);
    Path bb = out.resolve("busybox.oci");
    umociImage(bb, r, "amd64", "/bin/sh");

    run("skopeo", "copy", "-q", "--dest-compress-format", "zstd", "oci:" + bb + ":latest",
        "oci:" + out.resolve("busybox-zstd.oci") + ":latest");

    // layered: three layers, whiteouts and an opaque directory (umoci unpack/repack/insert --opaque)
    Path lay = out.resolve("layered.oci");
    run("umoci", "init", "--layout", lay.toString());
    run("umoci", "new", "--image", lay + ":latest");
    Path bundle = w.resolve("layered-bundle");
    run("umoci", "unpack", "--image", lay + ":latest", bundle.toString());
    Path root = bundle.resolve("rootfs");
    copyTree(r, root);
    for (String d : List.of("usr/share/doc/a", "usr/share/doc/b", "usr/share/locale/de", "var/cache/apt")) {
      Files.createDirectories(root.resolve(d));
    }
    Files.writeString(root.resolve("usr/share/doc/a/README"), "a\n", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("usr/share/doc/b/README"), "b\n", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("usr/share/locale/de/x.mo"), "mo\n", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("var/cache/apt/pkg1.deb"), "deb1\n", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("var/cache/apt/pkg2.deb"), "deb2\n", StandardCharsets.UTF_8);
    run("umoci", "repack", "--refresh-bundle", "--image", lay + ":latest", "--history.created_by", "base",
        bundle.toString());
    Files.delete(root.resolve("var/cache/apt/pkg1.deb"));
    Files.delete(root.resolve("var/cache/apt/pkg2.deb"));
    deleteTree(root.resolve("usr/share/locale"));
    Files.writeString(root.resolve("etc/lab-release"), "layer 2\n", StandardCharsets.UTF_8);
    run("umoci", "repack", "--refresh-bundle", "--image", lay + ":latest", "--history.created_by", "whiteouts",
        bundle.toString());
    Path doc = w.resolve("doc");
    Files.createDirectories(doc);
    Files.writeString(doc.resolve("README.lab"), "docs replaced\n", StandardCharsets.UTF_8);
    run("umoci", "insert", "--image", lay + ":latest", "--opaque", "--history.created_by", "opaque",
        doc.toString(), "/usr/share/doc");
    run("umoci", "config", "--image", lay + ":latest", "--architecture", "amd64", "--os", "linux",
        "--config.cmd", "/bin/sh");

    // multi: amd64 busybox + a small arm64 image in an index made by buildah
    Path arm = w.resolve("arm-rootfs");
    Files.createDirectories(arm.resolve("bin"));
    Files.writeString(arm.resolve("bin/hello"), "#!/bin/sh\necho hello from arm64\n", StandardCharsets.UTF_8);
    Path armLayout = w.resolve("arm.oci");
    umociImage(armLayout, arm, "arm64", "/bin/hello");
    Path storage = w.resolve("containers");
    String[] cs = {"--root", storage.resolve("root").toString(), "--runroot", storage.resolve("run").toString(),
        "--storage-driver", "vfs"};
    run(concat(new String[] {"buildah"}, cs, new String[] {"manifest", "create", "imagecheck-multi"}));
    run(concat(new String[] {"buildah"}, cs, new String[] {"manifest", "add", "imagecheck-multi", "oci:" + bb + ":latest"}));
    run(concat(new String[] {"buildah"}, cs,
        new String[] {"manifest", "add", "imagecheck-multi", "oci:" + armLayout + ":latest"}));
    run(concat(new String[] {"buildah"}, cs, new String[] {"manifest", "push", "-q", "--all", "--format", "oci",
        "imagecheck-multi", "oci:" + out.resolve("multi.oci") + ":latest"}));
    deleteTree(w);
    Files.writeString(out.resolve(".complete"), "built in " + (System.nanoTime() - t0) / 1_000_000 + " ms\n",
        StandardCharsets.UTF_8);
    built = out;
    return out;
  }

  /**
   * Pushes every image with skopeo to an open (insecure HTTP) registry: OCI as built and Docker v2s2.
   *
   * @param registryHost e.g. {@code 127.0.0.1:5000}
   * @return what was pushed
   * @throws IOException when skopeo fails
   */
  public static List<Pushed> push(String registryHost) throws IOException {
    Path dir = build();
    List<Pushed> out = new ArrayList<>();
    out.add(push(registryHost, dir, "busybox.oci", "lab/busybox:latest", false));
    out.add(push(registryHost, dir, "busybox.oci", "lab/busybox:v2s2", false, "--format", "v2s2"));
    out.add(push(registryHost, dir, "busybox-zstd.oci", "lab/busybox-zstd:latest", false));
    out.add(push(registryHost, dir, "layered.oci", "lab/layered:latest", false));
    out.add(push(registryHost, dir, "layered.oci", "lab/layered:v2s2", false, "--format", "v2s2"));
    out.add(push(registryHost, dir, "multi.oci", "lab/multi:latest", true, "--all"));
    out.add(push(registryHost, dir, "multi.oci", "lab/multi:v2s2", true, "--all", "--format", "v2s2"));
    return out;
  }

  private static Pushed push(String host, Path dir, String layout, String repoTag, boolean index, String... extra)
      throws IOException {
    String src = "oci:" + dir.resolve(layout) + ":latest";
    List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "-q", "--dest-tls-verify=false"));
    cmd.addAll(List.of(extra));
    cmd.add(src);
    cmd.add("docker://" + host + "/" + repoTag);
    Commands.run(T, Map.of(), cmd.toArray(String[]::new));
    return new Pushed(repoTag, src, index);
  }

  private static void umociImage(Path layout, Path rootfs, String arch, String cmd) throws IOException {
    run("umoci", "init", "--layout", layout.toString());
    run("umoci", "new", "--image", layout + ":latest");
    run("umoci", "insert", "--image", layout + ":latest", "--history.created_by", "insert rootfs",
        rootfs.toString(), "/");
    run("umoci", "config", "--image", layout + ":latest", "--architecture", arch, "--os", "linux",
        "--config.cmd", cmd);
  }

  private static String[] concat(String[]... parts) {
    List<String> all = new ArrayList<>();
    for (String[] p : parts) {
      all.addAll(List.of(p));
    }
    return all.toArray(String[]::new);
  }

  private static void run(String... cmd) throws IOException {
    Commands.run(T, cmd);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createSymbolicLink(t, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /**
   * Deletes a directory tree (no-op when absent).
   *
   * @param dir the directory
   * @throws IOException when deleting fails
   */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      List<Path> all = s.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }
}
