package io.imagecheck.lab;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code lab/make-images.sh} into {@code <repo>/target/lab-images}, or reuses its output.
 *
 * <p>The output is reused when its marker file holds the sha256 of the script's current content (the
 * marker is written only after the script succeeded and its facts parsed). A {@link FileLock} on
 * {@code target/lab-images.lock} makes concurrent JVMs (surefire/failsafe forks of several modules) wait
 * for one build instead of running the script twice. The script's output goes to
 * {@code target/lab-images.log}.
 */
final class LabBuild {

  /** The script's path relative to the repository root. */
  static final String SCRIPT = "lab/make-images.sh";
  /** The exit code with which the script says "cannot run here" (automake's skip convention). */
  static final int SKIP_EXIT_CODE = 77;
  /** The marker file, in the output directory, holding the hash of the script that made it. */
  static final String MARKER = ".lab-complete";

  private static final System.Logger LOG = System.getLogger(LabBuild.class.getName());
  private static final int LOG_TAIL_LINES = 40;

  private final Path repoRoot;
  private final Path script;
  private final Path output;
  private final Path lockFile;
  private final Path logFile;
  private final Duration timeout;

  private LabBuild(Path repoRoot, Duration timeout) {
    this.repoRoot = repoRoot;
    this.script = repoRoot.resolve(SCRIPT);
    Path target = repoRoot.resolve("target");
    this.output = target.resolve("lab-images");
    this.lockFile = target.resolve("lab-images.lock");
    this.logFile = target.resolve("lab-images.log");
    this.timeout = timeout;
  }

  /**
   * Builds or reuses the lab for the repository that holds the working directory.
   *
   * <p>System properties: {@code imagecheck.lab.skip=true} skips every lab test;
   * {@code imagecheck.lab.timeoutMinutes} (default 30) bounds the script.
   *
   * @return the outcome: the images, or why they are skipped, or why the build failed
   */
  static Outcome run() {
    if (Boolean.getBoolean("imagecheck.lab.skip")) {
      return Outcome.skipped("lab images disabled by -Dimagecheck.lab.skip=true");
    }
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return Outcome.skipped("lab images need Linux (Debian's tools), this is " + System.getProperty("os.name"));
    }
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Optional<Path> root = findRepoRoot(start);
    if (root.isEmpty()) {
      return Outcome.skipped("no " + SCRIPT + " in " + start + " or its parents: not a source checkout");
    }
    long minutes = Long.getLong("imagecheck.lab.timeoutMinutes", 30);
    return new LabBuild(root.get(), Duration.ofMinutes(minutes)).buildOrReuse();
  }

  /**
   * Finds the repository root: the nearest directory, from {@code start} up, holding {@value #SCRIPT}.
   *
   * @param start where to start looking
   * @return the root, or empty when no parent holds the script
   */
  static Optional<Path> findRepoRoot(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(SCRIPT))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private Outcome buildOrReuse() {
    try {
      Files.createDirectories(lockFile.getParent());
      String hash = sha256(Files.readAllBytes(script));
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (isComplete(hash)) {
          LOG.log(System.Logger.Level.INFO, "lab images: reusing {0} (made by this {1})", output, SCRIPT);
          return Outcome.ready(load());
        }
        return build(hash);
      }
    } catch (IOException e) {
      return Outcome.failed("lab images in " + output + " could not be built or read: " + e.getMessage());
    }
  }

  private boolean isComplete(String hash) throws IOException {
    Path marker = output.resolve(MARKER);
    return Files.isRegularFile(marker)
        && Files.isRegularFile(output.resolve("facts.json"))
        && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(markerText(hash));
  }

  private Outcome build(String hash) throws IOException {
    Files.createDirectories(output);
    Files.deleteIfExists(output.resolve(MARKER));
    LOG.log(System.Logger.Level.INFO, "lab images: running {0} into {1} (log: {2})", SCRIPT, output, logFile);
    long start = System.nanoTime();
    Process process = new ProcessBuilder("bash", script.toString(), output.toString())
        .directory(repoRoot.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
        .start();
    int exit;
    try {
      if (!process.waitFor(timeout.toMinutes(), TimeUnit.MINUTES)) {
        stop(process);
        return Outcome.failed(SCRIPT + " did not finish within " + timeout.toMinutes() + " minutes and was stopped;"
            + " log " + logFile + " ends with:\n" + logTail());
      }
      exit = process.exitValue();
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      return Outcome.failed("interrupted while waiting for " + SCRIPT);
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    if (exit == SKIP_EXIT_CODE) {
      return Outcome.skipped(SCRIPT + " cannot run here: " + skipReason());
    }
    if (exit != 0) {
      return Outcome.failed(SCRIPT + " failed with exit code " + exit + " after " + seconds + " s; log " + logFile
          + " ends with:\n" + logTail());
    }
    LabImages images = load();
    Path marker = output.resolve(MARKER);
    Path temporary = output.resolve(MARKER + ".tmp");
    Files.writeString(temporary, markerText(hash) + "\n", StandardCharsets.UTF_8);
    Files.move(temporary, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    LOG.log(System.Logger.Level.INFO, "lab images: built in {0} s", seconds);
    return Outcome.ready(images);
  }

  private LabImages load() throws IOException {
    return new LabImages(output, LabFactsReader.read(output.resolve("facts.json")), logFile);
  }

  /** Stops the script and everything it started (they are this JVM's descendants), children first. */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String skipReason() throws IOException {
    String reasons = logLines().stream()
        .filter(l -> l.contains("SKIP:"))
        .map(l -> l.substring(l.indexOf("SKIP:") + 5).trim())
        .collect(Collectors.joining("; "));
    return reasons.isEmpty() ? "see " + logFile : reasons;
  }

  private String logTail() {
    try {
      List<String> lines = logLines();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private List<String> logLines() throws IOException {
    // decode leniently: tools may print bytes that are not UTF-8
    return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
  }

  private static String markerText(String hash) {
    return SCRIPT + " sha256:" + hash;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * What one attempt to get the lab gave: exactly one of the images, a reason to skip, or a failure.
   *
   * @param images the images, when ready
   * @param skipReason why lab tests cannot run here, when skipped
   * @param failure why the build failed, with the log tail, when failed
   */
  record Outcome(@Nullable LabImages images, @Nullable String skipReason, @Nullable String failure) {

    static Outcome ready(LabImages images) {
      return new Outcome(images, null, null);
    }

    static Outcome skipped(String reason) {
      return new Outcome(null, reason, null);
    }

    static Outcome failed(String failure) {
      return new Outcome(null, null, failure);
    }
  }
}
