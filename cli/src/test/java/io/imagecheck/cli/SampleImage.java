package io.imagecheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagecheck.image.Digest;
import io.imagecheck.internal.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Placeholder for the bundled sample image until the testimage module's
 * {@code io.imagecheck.testimage.SampleImages} lands: a tiny three-layer app image written, byte for
 * byte the same on every run, as an OCI archive ({@value #OCI_ARCHIVE}), a docker-archive
 * ({@value #DOCKER_ARCHIVE}) and an OCI layout directory ({@value #OCI_LAYOUT}), with the same file
 * names and argument as {@code SampleImages}, so that switching the build to it is one line.
 *
 * <p>The image: user {@code nonroot}, entrypoint {@code /app/server}, 3 layers made by history steps
 * 1, 3 and 5 of 6 (steps 2, 4 and 6 are empty-layer {@code ENV}, {@code USER} and {@code ENTRYPOINT});
 * layer 3 deletes {@code /tmp/build.log} with a whiteout. Run by {@code exec-maven-plugin} at
 * {@code package} time into {@code cli/target/sample/}, and by tests into temporary directories.
 */
public final class SampleImage {

  /** The OCI archive's file name. */
  public static final String OCI_ARCHIVE = "sample-app.oci.tar";
  /** The docker-archive's file name. */
  public static final String DOCKER_ARCHIVE = "sample-app.docker.tar";
  /** The OCI layout directory's name. */
  public static final String OCI_LAYOUT = "sample-app-oci";
  /** The reference name in the OCI layout and archive. */
  public static final String REF_NAME = "latest";
  /** The repository and tag in the docker-archive. */
  public static final String REPO_TAG = "imagecheck/sample-app:1.0";
  /** The number of layers. */
  public static final int LAYERS = 3;
  /** The number of history entries. */
  public static final int HISTORY_STEPS = 6;

  private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  private SampleImage() {}

  /**
   * Writes the sample image in every format.
   *
   * @param args one argument: the output directory (created if needed)
   * @throws IOException when writing fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SampleImage <output directory>");
    }
    write(Path.of(args[0]));
  }

  /**
   * Writes {@value #OCI_ARCHIVE}, {@value #DOCKER_ARCHIVE} and {@value #OCI_LAYOUT} into a directory.
   *
   * @param dir the output directory (created if needed)
   * @throws IOException when writing fails
   */
  public static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<byte[]> tars = List.of(baseLayer(), appLayer(), cleanupLayer());
    List<byte[]> gzips = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (byte[] tar : tars) {
      gzips.add(gzip(tar));
      diffIds.add(Digest.sha256(tar).toString());
    }
    byte[] config = json(config(diffIds));
    byte[] manifest = json(manifest(config, gzips));
    Map<String, byte[]> layout = ociLayout(manifest, config, gzips);

    Path layoutDir = dir.resolve(OCI_LAYOUT);
    for (Map.Entry<String, byte[]> e : layout.entrySet()) {
      Path p = layoutDir.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
    Files.write(dir.resolve(OCI_ARCHIVE), tar(layout));

    Map<String, byte[]> docker = new LinkedHashMap<>();
    String configName = Digest.sha256(config).hex() + ".json";
    List<String> layerNames = new ArrayList<>();
    for (int i = 0; i < tars.size(); i++) {
      String name = Digest.parse(diffIds.get(i)).hex() + "/layer.tar";
      layerNames.add(name);
      docker.put(name, tars.get(i));
    }
    docker.put(configName, config);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("Config", configName);
    entry.put("RepoTags", List.of(REPO_TAG));
    entry.put("Layers", layerNames);
    docker.put("manifest.json", json(List.of(entry)));
    Files.write(dir.resolve(DOCKER_ARCHIVE), tar(docker));
  }

  private static byte[] baseLayer() throws IOException {
    Layer l = new Layer();
    l.dir("bin/", 0, 0755);
    l.file("bin/busybox", "#!fake busybox: an imagecheck sample stand-in\n", 0, 0755);
    l.symlink("bin/sh", "busybox");
    l.dir("etc/", 0, 0755);
    l.file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
        0, 0644);
    l.file("etc/group", "root:x:0:root\nnonroot:x:65532:\n", 0, 0644);
    l.file("etc/os-release", "NAME=\"imagecheck sample\"\nID=sample\nVERSION_ID=1.0\n", 0, 0644);
    l.dir("tmp/", 0, 01777);
    l.file("tmp/build.log", "build ok\n", 0, 0644);
    return l.finish();
  }

  private static byte[] appLayer() throws IOException {
    Layer l = new Layer();
    l.dir("app/", 65532, 0755);
    l.file("app/server", "#!fake sample-app server 1.0: an imagecheck sample stand-in\n", 65532, 0755);
    l.file("app/config.yaml", "listen: \":8080\"\n", 65532, 0644);
    return l.finish();
  }

  private static byte[] cleanupLayer() throws IOException {
    Layer l = new Layer();
    l.dir("tmp/", 0, 01777);
    l.file("tmp/.wh.build.log", "", 0, 0644);
    return l.finish();
  }

  private static Map<String, Object> config(List<String> diffIds) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("User", "nonroot");
    c.put("ExposedPorts", Map.of("8080/tcp", Map.of()));
    c.put("Env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    c.put("Entrypoint", List.of("/app/server"));
    c.put("Cmd", List.of("--listen=:8080"));
    c.put("WorkingDir", "/app");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", "imagecheck-sample-app");
    labels.put("org.opencontainers.image.version", "1.0");
    c.put("Labels", labels);

    List<Object> history = new ArrayList<>();
    history.add(step("ADD rootfs.tar / # base", false));
    history.add(step("ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", true));
    history.add(step("COPY build/ /app/ # app", false));
    history.add(step("USER nonroot", true));
    history.add(step("RUN rm /tmp/build.log # cleanup", false));
    history.add(step("ENTRYPOINT [\"/app/server\"]", true));

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("created", TIME.toString());
    root.put("architecture", "amd64");
    root.put("os", "linux");
    root.put("config", c);
    root.put("rootfs", ordered("type", "layers", "diff_ids", diffIds));
    root.put("history", history);
    return root;
  }

  private static Map<String, Object> step(String createdBy, boolean empty) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("created", TIME.toString());
    h.put("created_by", createdBy);
    if (empty) {
      h.put("empty_layer", true);
    }
    return h;
  }

  private static Map<String, Object> manifest(byte[] config, List<byte[]> layers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", OCI_MANIFEST);
    m.put("config", descriptor(OCI_CONFIG, config));
    List<Object> ls = new ArrayList<>();
    for (byte[] l : layers) {
      ls.add(descriptor(OCI_LAYER_GZIP, l));
    }
    m.put("layers", ls);
    return m;
  }

  private static Map<String, byte[]> ociLayout(byte[] manifest, byte[] config, List<byte[]> layers)
      throws IOException {
    Map<String, Object> entry = descriptor(OCI_MANIFEST, manifest);
    entry.put("platform", ordered("architecture", "amd64", "os", "linux"));
    entry.put("annotations", Map.of("org.opencontainers.image.ref.name", REF_NAME));
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    index.put("manifests", List.of(entry));

    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    files.put("index.json", json(index));
    for (byte[] blob : concat(List.of(manifest, config), layers)) {
      files.put("blobs/sha256/" + Digest.sha256(blob).hex(), blob);
    }
    return files;
  }

  private static List<byte[]> concat(List<byte[]> a, List<byte[]> b) {
    List<byte[]> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** A map that keeps the order of its keys: {@code Map.of}'s order changes from run to run. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static Map<String, Object> descriptor(String mediaType, byte[] content) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", Digest.sha256(content).toString());
    d.put("size", content.length);
    return d;
  }

  private static byte[] json(Object value) throws IOException {
    ObjectMapper mapper = Json.mapper();
    return mapper.writeValueAsBytes(value);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // GZIPOutputStream writes a fixed header (no name, mtime 0): the same bytes on every run.
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  /** A tar of files (directories are implied by the paths and written first). */
  private static byte[] tar(Map<String, byte[]> files) throws IOException {
    Layer t = new Layer();
    List<String> dirs = new ArrayList<>();
    for (String name : files.keySet()) {
      for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
        String dir = name.substring(0, slash + 1);
        if (!dirs.contains(dir)) {
          dirs.add(dir);
          t.dir(dir, 0, 0755);
        }
      }
      t.file(name, files.get(name), 0, 0644);
    }
    return t.finish();
  }

  /** A deterministic tar stream: fixed times, numeric owners, POSIX long names. */
  private static final class Layer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    Layer() {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    void dir(String name, int uid, int mode) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_DIR);
      put(e, uid, mode, new byte[0]);
    }

    void file(String name, String content, int uid, int mode) throws IOException {
      file(name, content.getBytes(StandardCharsets.UTF_8), uid, mode);
    }

    void file(String name, byte[] content, int uid, int mode) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
      e.setSize(content.length);
      put(e, uid, mode, content);
    }

    void symlink(String name, String target) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
      e.setLinkName(target);
      put(e, 0, 0777, new byte[0]);
    }

    private void put(TarArchiveEntry e, int uid, int mode, byte[] content) throws IOException {
      e.setModTime(TIME.toEpochMilli());
      e.setIds(uid, uid);
      e.setNames("", "");
      e.setMode(mode | (e.isDirectory() ? 040000 : e.isSymbolicLink() ? 0120000 : 0100000));
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
    }

    byte[] finish() throws IOException {
      tar.finish();
      tar.close();
      return bytes.toByteArray();
    }
  }
}
