package io.imagecheck.testimage;

import io.imagecheck.fs.FileType;
import io.imagecheck.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The project's bundled sample image: a small app image that looks "almost hardened", with enough
 * left over for a scan to show something. The README's first command and the CLI use it.
 *
 * <p>What a scan should find in it (all content is fake and tiny, about 15 KB in all):
 *
 * <ul>
 *   <li>Good: config user {@code nonroot} (uid 65532 in {@code /etc/passwd}), an exec-form
 *       entrypoint {@code /app/server}, an app binary owned by {@code nonroot}.
 *   <li>A shell: {@code /bin/sh} is a busybox-style symbolic link to {@code /bin/busybox}, and an apk
 *       database lists {@code busybox}.
 *   <li>A setuid-root file: {@code /usr/bin/passwd}, mode 04755.
 *   <li>A leftover private key: {@code /root/.ssh/id_rsa}, a PEM block whose base64 body only says
 *       that it is a fake test key.
 *   <li>A file added in one layer and deleted in the next ({@code /tmp/build.log}, via a whiteout),
 *       so it is in the image's history but not in its filesystem.
 * </ul>
 *
 * <p>{@link #main(String[])} writes it into a directory as {@value #OCI_ARCHIVE},
 * {@value #DOCKER_ARCHIVE} and the OCI layout {@value #OCI_LAYOUT}, all with reference
 * {@value #REF_NAME} (docker-archive tag {@value #REPO_TAG}).
 *
 * <p>Thread-safe (stateless).
 */
public final class SampleImages {

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

  private static final System.Logger LOG = System.getLogger(SampleImages.class.getName());

  private SampleImages() {}

  /**
   * Writes the sample image in every bundled format.
   *
   * @param args one argument: the output directory (created if needed)
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when there is not exactly one argument
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SampleImages <output directory>");
    }
    Path dir = Path.of(args[0]);
    write(dir);
    LOG.log(System.Logger.Level.DEBUG, "wrote the sample image {0} to {1}: {2}, {3}, {4}/",
        app().manifestDigest(), dir.toAbsolutePath(), OCI_ARCHIVE, DOCKER_ARCHIVE, OCI_LAYOUT);
  }

  /**
   * Writes {@value #OCI_ARCHIVE}, {@value #DOCKER_ARCHIVE} and {@value #OCI_LAYOUT} into a directory.
   *
   * @param dir the output directory (created if needed)
   * @throws IOException when writing fails
   */
  public static void write(Path dir) throws IOException {
    TestImage image = app();
    image.writeOciArchive(dir.resolve(OCI_ARCHIVE), REF_NAME);
    image.writeDockerArchive(dir.resolve(DOCKER_ARCHIVE), REPO_TAG);
    image.writeOciLayout(dir.resolve(OCI_LAYOUT), REF_NAME);
  }

  /**
   * The sample image (see the class comment).
   *
   * @return a new image; the same bytes every time
   */
  public static TestImage app() {
    return TestImage.builder()
        .platform(Platform.parse("linux/amd64"))
        .config(c -> c
            .user("nonroot")
            .entrypoint(List.of("/app/server"))
            .cmd(List.of("--listen=:8080"))
            .workingDir("/app")
            .addEnv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .exposedPorts(List.of("8080/tcp"))
            .label("org.opencontainers.image.title", "imagecheck-sample-app")
            .label("org.opencontainers.image.description",
                "imagecheck's bundled sample: almost hardened, on purpose not quite"))
        .layer("ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # base", l -> l
            .directory("/bin")
            .file("/bin/busybox", fakeElf("BusyBox v1.36.1 (imagecheck sample stand-in)", 2000), 0755)
            .symlink("/bin/sh", "busybox")
            .directory("/etc")
            .file("/etc/passwd", """
                root:x:0:0:root:/root:/bin/sh
                nobody:x:65534:65534:nobody:/:/sbin/nologin
                nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
                """)
            .file("/etc/group", """
                root:x:0:root
                nobody:x:65534:
                nonroot:x:65532:
                """)
            .file("/etc/os-release", """
                NAME="Alpine Linux"
                ID=alpine
                VERSION_ID=3.20.3
                PRETTY_NAME="Alpine Linux v3.20"
                """)
            .directory("/home")
            .entry(FileSpec.builder("/home/nonroot", FileType.DIRECTORY).owner(65532, 65532).mode(0750).build())
            .directory("/lib")
            .directory("/lib/apk")
            .directory("/lib/apk/db")
            .file("/lib/apk/db/installed", APK_INSTALLED)
            .directory("/root", 0700)
            .directory("/tmp", 01777)
            .directory("/usr")
            .directory("/usr/bin")
            .entry(FileSpec.builder("/usr/bin/passwd", FileType.REGULAR)
                .mode(04755).ownerNames("root", "root")
                .content(fakeElf("passwd (imagecheck sample stand-in, setuid root)", 1000))
                .build()))
        .layer("COPY build/ / # app", l -> l
            .entry(FileSpec.builder("/app", FileType.DIRECTORY).owner(65532, 65532).build())
            .entry(FileSpec.builder("/app/server", FileType.REGULAR)
                .mode(0755).owner(65532, 65532).ownerNames("nonroot", "nonroot")
                .content(fakeElf("sample-app server 1.0 (imagecheck sample stand-in)", 3000))
                .build())
            .entry(FileSpec.builder("/app/config.yaml", FileType.REGULAR)
                .owner(65532, 65532)
                .content("listen: \":8080\"\nlog_level: info\n")
                .build())
            .file("/tmp/build.log", "build ok\n")
            .directory("/root/.ssh", 0700)
            .file("/root/.ssh/id_rsa", FAKE_KEY, 0600))
        .layer("RUN rm -f /tmp/build.log", l -> l
            .directory("/tmp", 01777)
            .whiteout("/tmp/build.log"))
        .emptyLayerStep("USER nonroot")
        .emptyLayerStep("EXPOSE 8080/tcp")
        .emptyLayerStep("ENTRYPOINT [\"/app/server\"]")
        .build();
  }

  /** A minimal apk database: the packages an Alpine base with busybox would list. */
  private static final String APK_INSTALLED = """
      P:musl
      V:1.2.5-r0
      A:x86_64
      T:the musl c library (libc) implementation
      L:MIT
      o:musl
      F:lib

      P:busybox
      V:1.36.1-r29
      A:x86_64
      T:Size optimized toolbox of many common UNIX utilities
      L:GPL-2.0-only
      o:busybox
      D:so:libc.musl-x86_64.so.1
      F:bin
      R:busybox
      a:0:0:755

      """;

  /**
   * A PEM-looking block whose base64 body decodes to a statement that it is a fake test key: it
   * looks like a leaked key to a scanner and cannot be mistaken for one by a person.
   */
  private static final String FAKE_KEY = fakePem();

  private static String fakePem() {
    String statement = "This is NOT a private key. It is a fake test key written by imagecheck's SampleImages so"
        + " that a scan has a leftover secret to report. ";
    String body = Base64.getEncoder().encodeToString(statement.repeat(6).getBytes(StandardCharsets.US_ASCII));
    StringBuilder pem = new StringBuilder("-----BEGIN RSA PRIVATE KEY-----\n");
    for (int i = 0; i < body.length(); i += 64) {
      pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
    }
    return pem.append("-----END RSA PRIVATE KEY-----\n").toString();
  }

  /**
   * Bytes that start like an x86-64 ELF executable, followed by a text marker and a deterministic
   * filler; not a runnable program.
   */
  private static byte[] fakeElf(String marker, int size) {
    byte[] b = new byte[size];
    byte[] header = {
      0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, // e_ident: 64-bit, little-endian, SYSV
      2, 0, 0x3e, 0, 1, 0, 0, 0 // e_type EXEC, e_machine x86-64, e_version 1
    };
    System.arraycopy(header, 0, b, 0, header.length);
    byte[] text = ("\0" + marker + "\0").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, b, 64, Math.min(text.length, size - 64));
    for (int i = 64 + text.length; i < size; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }
}
