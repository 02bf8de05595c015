package io.imagecheck.testkit;

import io.imagecheck.fs.FileType;
import io.imagecheck.testimage.FileSpec;
import io.imagecheck.testimage.TestImage;
import io.imagecheck.testing.FakeBinaries;
import java.util.List;

/** The synthetic images the assertion tests run on. */
final class SyntheticImages {

  private SyntheticImages() {}

  /**
   * A BusyBox-based image that breaks every hardening rule: layer 1 (history step 1) is the base with BusyBox,
   * {@code /bin/sh -> busybox}, {@code apk} and a setuid {@code /bin/su}; step 2 sets ENV; layer 2 (step 3)
   * installs curl; layer 3 (step 4) copies the app and deletes curl; step 5 sets the label; no USER.
   */
  static final TestImage LOOSE = TestImage.builder()
      .config(c -> c
          .entrypoint(List.of("/bin/sh", "-c", "/app/server"))
          .addEnv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
          .addEnv("APP_MODE", "debug")
          .label("org.opencontainers.image.version", "1.2.2")
          .exposedPorts(List.of("8080/tcp")))
      .layer("ADD alpine-minirootfs.tar.gz / # base", l -> l
          .directory("/bin")
          .file("/bin/busybox", FakeBinaries.busybox("1.36.1", "sh", "ash", "ls"), 0755)
          .symlink("/bin/sh", "busybox")
          .entry(FileSpec.builder("/bin/su", FileType.REGULAR).content(FakeBinaries.program("su")).mode(04755).build())
          .directory("/sbin")
          .file("/sbin/apk", FakeBinaries.program("apk"), 0755)
          .directory("/etc")
          .file("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n")
          .file("/etc/group", "root:x:0:root\nnobody:x:65534:\n")
          .directory("/tmp", 01777))
      .emptyLayerStep("ENV APP_MODE=debug")
      .layer("RUN apk add curl", l -> l
          .directory("/usr")
          .directory("/usr/bin")
          .file("/usr/bin/curl", FakeBinaries.program("curl"), 0755))
      .layer("COPY build/ /app/", l -> l
          .directory("/app")
          .entry(FileSpec.builder("/app/server", FileType.REGULAR).content("#!/bin/true\n").mode(0750)
              .owner(65532, 65532).build())
          .file("/app/config.yaml", "port: 8080\ndebug: true\n")
          .whiteout("/usr/bin/curl"))
      .emptyLayerStep("LABEL org.opencontainers.image.version=1.2.2")
      .build();

  /** A distroless-like image: one layer with the app and a passwd file, USER 65532, no shell. */
  static final TestImage HARDENED = TestImage.builder()
      .config(c -> c
          .user("65532")
          .entrypoint(List.of("/app/server"))
          .cmd(List.of("--port=8080"))
          .workingDir("/app")
          .addEnv("PATH", "/usr/bin:/bin")
          .label("org.opencontainers.image.version", "1.2.3")
          .exposedPorts(List.of("8080/tcp")))
      .layer("COPY rootfs/ / # distroless", l -> l
          .directory("/etc")
          .file("/etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n")
          .file("/etc/group", "root:x:0:\nnonroot:x:65532:\n")
          .entry(FileSpec.builder("/app", FileType.DIRECTORY).mode(0755).owner(65532, 65532).build())
          .entry(FileSpec.builder("/app/server", FileType.REGULAR).content(FakeBinaries.program("server")).mode(0755)
              .build()))
      .emptyLayerStep("USER 65532")
      .build();

  /**
   * The description of a layer of {@link #LOOSE} as messages print it.
   *
   * @param number the layer number, from 1
   * @return e.g. {@code layer 2 of 3 (sha256:...), history step 3: RUN apk add curl}
   */
  static String looseLayer(int number) {
    String[] steps = {"1: ADD alpine-minirootfs.tar.gz / # base", "3: RUN apk add curl", "4: COPY build/ /app/"};
    return "layer " + number + " of 3 (" + LOOSE.layerDigests().get(number - 1).shortForm() + "), history step "
        + steps[number - 1];
  }

  /**
   * The description of the layer of {@link #HARDENED}.
   *
   * @return {@code layer 1 of 1 (sha256:...), history step 1: COPY rootfs/ / # distroless}
   */
  static String hardenedLayer() {
    return "layer 1 of 1 (" + HARDENED.layerDigests().get(0).shortForm() + "), history step 1: COPY rootfs/ / #"
        + " distroless";
  }
}
