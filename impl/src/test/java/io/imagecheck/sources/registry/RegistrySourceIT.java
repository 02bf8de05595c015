package io.imagecheck.sources.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecheck.image.Descriptor;
import io.imagecheck.image.Digest;
import io.imagecheck.image.Image;
import io.imagecheck.image.MediaType;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.RegistryException;
import io.imagecheck.source.RegistryUnauthorizedException;
import io.imagecheck.source.Transport;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.sources.registry.auth.Credentials;
import io.imagecheck.testing.registry.RegistryProcess;
import io.imagecheck.testing.registry.RegistryTestImages;
import io.imagecheck.testing.registry.TokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads images back from a real {@code docker-registry} in three setups sharing one storage (open
 * HTTP; htpasswd Basic auth over TLS with a self-signed CA; Bearer tokens from the test's own issuer),
 * after pushing them with the real {@code skopeo} as OCI and Docker v2s2, and compares each with the
 * same image read from its local layout.
 */
class RegistrySourceIT {

  enum Setup { PLAIN, HTPASSWD_TLS, TOKEN }

  @TempDir
  static Path tmp;
  static RegistryProcess plain;
  static RegistryProcess tls;
  static RegistryProcess token;
  static TokenIssuer issuer;
  static List<RegistryTestImages.Pushed> pushed;

  @BeforeAll
  static void startRegistries() throws IOException {
    Path storage = tmp.resolve("storage");
    plain = RegistryProcess.plain(storage, tmp.resolve("plain"));
    pushed = RegistryTestImages.push(plain.host());
    tls = RegistryProcess.htpasswdTls(storage, tmp.resolve("tls"), "testuser", "testpass");
    issuer = TokenIssuer.start(Files.createDirectories(tmp.resolve("issuer")), "tokuser", "tokpass");
    token = RegistryProcess.token(storage, tmp.resolve("token"), issuer);
  }

  @AfterAll
  static void stopRegistries() {
    for (AutoCloseable c : new AutoCloseable[] {token, issuer, tls, plain}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep stopping the others
      }
    }
  }

  static Map<String, String> isolatedEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", tmp.resolve("home").toString());
    env.put("PATH", "/usr/bin:/bin");
    return env;
  }

  static RegistryProcess registry(Setup s) {
    return switch (s) {
      case PLAIN -> plain;
      case HTPASSWD_TLS -> tls;
      case TOKEN -> token;
    };
  }

  static RegistryOptions.Builder options(Setup s) {
    RegistryOptions.Builder b = RegistryOptions.builder().environment(isolatedEnv());
    return switch (s) {
      case PLAIN -> b.insecureRegistry(plain.host());
      case HTPASSWD_TLS -> b.certDir(tls.certDir()).credentials(tls.host(), new Credentials("testuser", "testpass"));
      case TOKEN -> b.insecureRegistry(token.host()).credentials(token.host(), new Credentials("tokuser", "tokpass"));
    };
  }

  static SourceOptions sourceOptions(RegistryOptions registry) {
    return SourceOptions.builder().registry(registry).build();
  }

  static Stream<Arguments> images() {
    List<Arguments> out = new ArrayList<>();
    for (Setup s : Setup.values()) {
      for (RegistryTestImages.Pushed p : pushed) {
        out.add(Arguments.of(s, p.repoTag(), p.layout()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("images")
  void should_read_back_the_same_config_diff_ids_and_files_as_the_local_layout(Setup setup, String repoTag,
      String layout) throws IOException {
    // GIVEN an image pushed by skopeo and its local layout
    List<ImageFacts> expected;
    try (ImageSource local = ImageSources.open(layout)) {
      expected = ImageFacts.all(local);
    }
    // WHEN it is read back through docker:// in this setup
    List<ImageFacts> actual;
    String ref = "docker://" + registry(setup).host() + "/" + repoTag;
    try (ImageSource remote = ImageSources.open(ref, sourceOptions(options(setup).build()))) {
      actual = ImageFacts.all(remote);
      assertThat(remote.reference().transport()).isEqualTo(Transport.DOCKER);
    }
    // THEN config digest, diff_ids and every layer's file list are the same
    assertThat(actual).isEqualTo(expected);
    assertThat(actual).isNotEmpty().allSatisfy(f -> assertThat(f.files()).allSatisfy(l -> assertThat(l).isNotEmpty()));
  }

  @Test
  void should_read_a_multi_platform_index_as_two_platform_images() throws IOException {
    // GIVEN the amd64+arm64 index pushed as a Docker manifest list
    String ref = "docker://" + plain.host() + "/lab/multi:v2s2";
    // WHEN it is opened
    try (ImageSource source = ImageSources.open(ref, sourceOptions(options(Setup.PLAIN).build()))) {
      // THEN the top is a manifest list with both platforms, and the host's platform is chosen
      assertThat(source.descriptor().mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_LIST);
      assertThat(source.images()).extracting(i -> i.platform().orElseThrow().architecture())
          .containsExactly("amd64", "arm64");
      Image arm = source.image(io.imagecheck.image.Platform.of("linux", "arm64"));
      assertThat(arm.config().cmd()).containsExactly("/bin/hello");
    }
  }

  @Test
  void should_pull_by_digest_and_record_docker_content_digest() throws IOException {
    // GIVEN the digest the registry gives for lab/busybox:latest
    try (RegistryClient client = RegistryClient.create(options(Setup.TOKEN).build())) {
      RegistryRepository repo = client.repository(DockerReference.parse(token.host() + "/lab/busybox"));
      RegistryManifest byTag = repo.manifest("latest");
      // WHEN it is pulled by digest
      RegistryManifest byDigest = repo.manifest(byTag.descriptor().digest().toString());
      // THEN both verify to the same digest, which the registry also sent as Docker-Content-Digest
      assertThat(byTag.dockerContentDigest()).contains(byTag.descriptor().digest());
      assertThat(byDigest.descriptor()).isEqualTo(byTag.descriptor());
      assertThat(byTag.descriptor().mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
      try (ImageSource s = ImageSources.open("docker://" + token.host() + "/lab/busybox@" + byTag.descriptor().digest(),
          SourceOptions.builder().registryClient(client).build())) {
        assertThat(s.descriptor().digest()).isEqualTo(byTag.descriptor().digest());
      }
    }
  }

  @Test
  void should_list_tags_across_link_pages_and_answer_head_checks() throws IOException {
    // GIVEN the htpasswd/TLS registry
    try (RegistryClient client = RegistryClient.create(options(Setup.HTPASSWD_TLS).build())) {
      RegistryRepository repo = client.repository(DockerReference.parse(tls.host() + "/lab/busybox"));
      // WHEN tags are listed one per page, and manifests and blobs are checked with HEAD
      List<String> tags = repo.tags(1);
      Descriptor head = repo.headManifest("v2s2").orElseThrow();
      RegistryManifest m = repo.manifest("v2s2");
      // THEN every page was followed, and HEAD describes what GET returns
      assertThat(tags).containsExactly("latest", "v2s2");
      assertThat(head).isEqualTo(m.descriptor());
      assertThat(head.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
      assertThat(repo.headManifest("no-such-tag")).isEmpty();
      Digest config = io.imagecheck.internal.json.ImageDocuments.manifest(
          io.imagecheck.internal.json.Json.readTree(m.bytes(), 64, "", "m"), null, "", "m").config().digest();
      assertThat(repo.blobExists(config)).isTrue();
      assertThat(repo.blobExists(Digest.sha256(new byte[] {1, 2, 3}))).isFalse();
    }
  }

  @Test
  void should_refuse_a_wrong_password_without_showing_it() {
    // GIVEN the htpasswd/TLS registry and a wrong password
    RegistryOptions o = options(Setup.HTPASSWD_TLS).credentials(tls.host(), new Credentials("testuser", "Wr0ngSecret"))
        .build();
    // WHEN an image is opened THEN the registry's refusal surfaces, typed, without the password
    assertThatThrownBy(() -> ImageSources.open("docker://" + tls.host() + "/lab/busybox:latest", sourceOptions(o)))
        .isInstanceOfSatisfying(RegistryUnauthorizedException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.errorCodes()).containsExactly("UNAUTHORIZED");
          assertThat(e.registry()).isEqualTo(tls.host());
          assertThat(e.repository()).isEqualTo("lab/busybox");
          assertThat(e.operation()).isEqualTo("pull manifest latest");
        })
        .hasMessageNotContaining("Wr0ngSecret");
  }

  @Test
  void should_fail_tls_verification_without_the_ca_certificate() {
    // GIVEN the TLS registry but no certificate directory
    RegistryOptions o = RegistryOptions.builder().environment(isolatedEnv())
        .credentials(tls.host(), new Credentials("testuser", "testpass")).maxAttempts(1).build();
    // WHEN an image is opened THEN TLS verification fails with a registry error naming TLS
    assertThatThrownBy(() -> ImageSources.open("docker://" + tls.host() + "/lab/busybox:latest", sourceOptions(o)))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("TLS failure");
  }

  @Test
  void should_deny_an_anonymous_pull_from_the_token_registry() {
    // GIVEN the token registry and no credentials
    RegistryOptions o = RegistryOptions.builder().environment(isolatedEnv()).insecureRegistry(token.host()).build();
    // WHEN an image is opened THEN the anonymous token is refused
    assertThatThrownBy(() -> ImageSources.open("docker://" + token.host() + "/lab/busybox:latest", sourceOptions(o)))
        .isInstanceOfSatisfying(RegistryUnauthorizedException.class, e -> {
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.errorCodes()).contains("UNAUTHORIZED");
        });
  }

  @Test
  void should_take_credentials_from_the_docker_config_auths() throws IOException {
    // GIVEN a Docker config.json with base64 auths for the TLS registry, found through DOCKER_CONFIG
    Path dir = Files.createDirectories(tmp.resolve("dockercfg"));
    String auth = Base64.getEncoder().encodeToString("testuser:testpass".getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"https://" + tls.host() + "\":{\"auth\":\"" + auth
        + "\"}}}", StandardCharsets.UTF_8);
    Map<String, String> env = isolatedEnv();
    env.put("DOCKER_CONFIG", dir.toString());
    RegistryOptions o = RegistryOptions.builder().environment(env).certDir(tls.certDir()).build();
    // WHEN an image is opened
    try (ImageSource s = ImageSources.open("docker://" + tls.host() + "/lab/busybox:latest", sourceOptions(o))) {
      // THEN it is read with those credentials
      assertThat(s.image().layers()).hasSize(1);
    }
  }

  @Test
  void should_take_credentials_from_a_credential_helper() throws IOException {
    // GIVEN an auth file naming a credential helper for the token registry, and the helper on the PATH
    Path bin = Files.createDirectories(tmp.resolve("helper-bin"));
    Path helper = bin.resolve("docker-credential-imagecheck-test");
    Files.writeString(helper, "#!/bin/sh\nread server\necho \"{\\\"ServerURL\\\":\\\"$server\\\","
        + "\\\"Username\\\":\\\"tokuser\\\",\\\"Secret\\\":\\\"tokpass\\\"}\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path authFile = tmp.resolve("auth-helper.json");
    Files.writeString(authFile, "{\"credHelpers\":{\"" + token.host() + "\":\"imagecheck-test\"}}",
        StandardCharsets.UTF_8);
    Map<String, String> env = isolatedEnv();
    env.put("PATH", bin + ":/usr/bin:/bin");
    RegistryOptions o = RegistryOptions.builder().environment(env).authFile(authFile).insecureRegistry(token.host())
        .build();
    // WHEN an image is opened
    try (ImageSource s = ImageSources.open("docker://" + token.host() + "/lab/layered:latest", sourceOptions(o))) {
      // THEN the helper's credentials got a token and the image reads
      assertThat(s.image().layers()).hasSize(3);
    }
  }

  @Test
  void should_cache_a_token_per_scope_and_fetch_a_new_one_when_it_expires() throws IOException, InterruptedException {
    // GIVEN a shared client on the token registry
    try (RegistryClient client = RegistryClient.create(options(Setup.TOKEN).build())) {
      SourceOptions so = SourceOptions.builder().registryClient(client).build();
      issuer.expiresIn(300);
      int before = issuer.issued();
      // WHEN the same repository is read twice
      for (int i = 0; i < 2; i++) {
        try (ImageSource s = ImageSources.open("docker://" + token.host() + "/lab/busybox-zstd:latest", so)) {
          ImageFacts.of(s.image());
        }
      }
      // THEN one token served both reads
      assertThat(issuer.issued() - before).isEqualTo(1);
      assertThat(issuer.scopes()).contains("repository:lab/busybox-zstd:pull");
      // WHEN tokens expire after 1 s and the repository is read again after that
      issuer.expiresIn(1);
      try (ImageSource s = ImageSources.open("docker://" + token.host() + "/lab/distroless-none:latest", so)) {
        // a repository that does not exist: a new scope, a new token
      } catch (RegistryException expected) {
        assertThat(expected.status()).isEqualTo(404);
        assertThat(expected.errorCodes()).containsAnyOf("NAME_UNKNOWN", "MANIFEST_UNKNOWN");
      }
      int afterShort = issuer.issued();
      Thread.sleep(1500);
      try (ImageSource s = ImageSources.open("docker://" + token.host() + "/lab/distroless-none:latest", so)) {
        // not reached
      } catch (RegistryException expected) {
        assertThat(expected.status()).isEqualTo(404);
      }
      // THEN the expired token was replaced
      assertThat(issuer.issued()).isEqualTo(afterShort + 1);
      issuer.expiresIn(300);
    }
  }

  @Test
  void should_exchange_an_identity_token_with_the_refresh_token_grant() throws IOException {
    // GIVEN an identity token (as docker stores after an OAuth2 login) that the token issuer accepts
    issuer.acceptRefreshToken("identity-token-123");
    RegistryOptions o = RegistryOptions.builder().environment(isolatedEnv()).insecureRegistry(token.host())
        .credentials(token.host(), Credentials.identityToken("identity-token-123")).build();
    // WHEN an image is read
    try (ImageSource s = ImageSources.open("docker://" + token.host() + "/lab/layered:v2s2", sourceOptions(o))) {
      // THEN the POSTed grant got a token with pull access
      assertThat(s.image().layers()).hasSize(3);
    }
    // AND a wrong identity token is refused by the realm, typed
    RegistryOptions wrong = RegistryOptions.builder().environment(isolatedEnv()).insecureRegistry(token.host())
        .credentials(token.host(), Credentials.identityToken("stolen")).build();
    assertThatThrownBy(() -> ImageSources.open("docker://" + token.host() + "/lab/layered:v2s2", sourceOptions(wrong)))
        .isInstanceOf(RegistryUnauthorizedException.class).hasMessageContaining("refused the credentials")
        .hasMessageNotContaining("stolen");
  }

  @Test
  void should_read_an_unprefixed_reference_from_a_registry_host() throws IOException {
    // GIVEN a name that is no local path and starts with a registry host (127.0.0.1:PORT)
    String name = plain.host() + "/lab/busybox:latest";
    // WHEN it is opened without docker://
    try (ImageSource s = ImageSources.open(name, sourceOptions(options(Setup.PLAIN).build()))) {
      // THEN it is read from the registry
      assertThat(s.reference().transport()).isEqualTo(Transport.DOCKER);
      assertThat(s.image().layers()).hasSize(1);
    }
  }

  @Test
  void should_list_referrers_from_the_sha256_tag_fallback() throws IOException, InterruptedException {
    // GIVEN an artifact whose subject is lab/busybox:latest, listed in the sha256-<hex> tag index (pushed raw)
    String base = "http://" + plain.host();
    RegistryClient client = RegistryClient.create(options(Setup.PLAIN).build());
    RegistryRepository repo = client.repository(DockerReference.parse(plain.host() + "/lab/busybox"));
    Descriptor subject = repo.manifest("latest").descriptor();
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] payload = "signature payload".getBytes(StandardCharsets.UTF_8);
    pushBlob(base, "lab/busybox", empty);
    pushBlob(base, "lab/busybox", payload);
    String artifact = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.example.signature\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + Digest.sha256(empty) + "\",\"size\":2},"
        + "\"layers\":[{\"mediaType\":\"application/vnd.example.payload\",\"digest\":\"" + Digest.sha256(payload)
        + "\",\"size\":" + payload.length + "}],\"subject\":{\"mediaType\":\"" + subject.mediaType() + "\","
        + "\"digest\":\"" + subject.digest() + "\",\"size\":" + subject.size() + "}}";
    byte[] artifactBytes = artifact.getBytes(StandardCharsets.UTF_8);
    pushManifest(base, "lab/busybox", Digest.sha256(artifactBytes).toString(), MediaType.OCI_MANIFEST.value(),
        artifactBytes);
    String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
        + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + Digest.sha256(artifactBytes)
        + "\",\"size\":" + artifactBytes.length + ",\"artifactType\":\"application/vnd.example.signature\"}]}";
    pushManifest(base, "lab/busybox", Referrers.fallbackTag(subject.digest()), MediaType.OCI_INDEX.value(),
        index.getBytes(StandardCharsets.UTF_8));
    // WHEN the referrers are listed (Debian's registry 2.8 has no referrers API)
    Referrers all = repo.referrers(subject.digest());
    Referrers signatures = repo.referrers(subject.digest(), "application/vnd.example.signature");
    Referrers sboms = repo.referrers(subject.digest(), "application/spdx+json");
    Referrers none = client.repository(DockerReference.parse(plain.host() + "/lab/layered"))
        .referrers(repo.manifest("v2s2").descriptor().digest());
    // THEN the tag fallback lists the artifact, filtered by artifact type
    assertThat(all.fromTagSchema()).isTrue();
    assertThat(all.manifests()).extracting(Descriptor::digest).containsExactly(Digest.sha256(artifactBytes));
    assertThat(signatures.manifests()).hasSize(1);
    assertThat(sboms.manifests()).isEmpty();
    assertThat(none.manifests()).isEmpty();
    assertThat(none.fromTagSchema()).isTrue();
    client.close();
  }

  @Test
  void should_read_through_a_mirror_and_fall_back_to_the_registry_when_the_mirror_fails() throws IOException {
    // GIVEN a registry name that only exists as a mirror, and a real registry whose mirror is down
    int dead = RegistryProcess.freePort();
    RegistryOptions o = options(Setup.PLAIN).mirror("mirrored.invalid", plain.host())
        .mirror(plain.host(), "127.0.0.1:" + dead).insecureRegistry("127.0.0.1:" + dead).maxAttempts(1).build();
    // WHEN both are read
    try (ImageSource viaMirror = ImageSources.open("docker://mirrored.invalid/lab/busybox:latest", sourceOptions(o));
        ImageSource fallback = ImageSources.open("docker://" + plain.host() + "/lab/layered:latest", sourceOptions(o))) {
      // THEN the mirror served the first, the registry itself the second
      assertThat(viaMirror.image().layers()).hasSize(1);
      assertThat(fallback.image().layers()).hasSize(3);
    }
  }

  @Test
  void should_bound_open_blob_streams_and_report_progress() throws Exception {
    // GIVEN a client with one blob download at a time and a progress listener
    List<BlobProgress> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (RegistryClient client = RegistryClient.create(options(Setup.PLAIN).blobConcurrency(1)
        .progress(events::add).build())) {
      RegistryRepository repo = client.repository(DockerReference.parse(plain.host() + "/lab/layered"));
      SourceOptions so = SourceOptions.builder().registryClient(client).build();
      try (ImageSource s = ImageSources.open("docker://" + plain.host() + "/lab/layered:latest", so)) {
        Image image = s.image();
        // WHEN one layer stream is open and another is requested from a second thread
        java.util.concurrent.CompletableFuture<Long> second;
        try (java.io.InputStream first = image.layers().get(0).openCompressed()) {
          second = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (java.io.InputStream in = image.layers().get(1).openCompressed()) {
              return in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
          Thread.sleep(300);
          // THEN the second waits for the first
          assertThat(second).isNotDone();
          first.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(image.layers().get(1).size());
        // AND one thread may hold several streams without waiting on itself (no deadlock)
        try (java.io.InputStream a = image.layers().get(1).openCompressed();
            java.io.InputStream b = image.layers().get(2).openCompressed()) {
          assertThat(a.transferTo(java.io.OutputStream.nullOutputStream()) + b.transferTo(
              java.io.OutputStream.nullOutputStream())).isEqualTo(image.layers().get(1).size()
              + image.layers().get(2).size());
        }
        // AND progress ended with every byte of the first layer
        Digest d0 = image.layers().get(0).digest();
        assertThat(events).filteredOn(e -> e.digest().equals(d0) && e.done()).singleElement()
            .satisfies(e -> assertThat(e.bytesRead()).isEqualTo(image.layers().get(0).size()));
      }
      assertThat(repo.repository()).isEqualTo("lab/layered");
    }
  }

  private static void pushBlob(String base, String repo, byte[] bytes) throws IOException, InterruptedException {
    // POST to start an upload, then PUT the bytes with the digest (registry 2.8 has no single-POST upload)
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
    String location = start.headers().firstValue("location").orElseThrow();
    URI put = URI.create(base).resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + Digest.sha256(bytes));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static void pushManifest(String base, String repo, String ref, String type, byte[] bytes)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/" + repo + "/manifests/" + ref))
        .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }
}
