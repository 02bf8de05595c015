package io.imagecheck.bench;

import io.imagecheck.image.Image;
import io.imagecheck.internal.blob.Decompressors;
import io.imagecheck.policies.Policies;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.sources.registry.RegistryOptions;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Measures imagecheck side by side with the floors on this machine and prints a Markdown table of
 * ratios against the performance targets (to stdout and to {@code --out}).
 *
 * <pre>
 * java -jar bench/target/imagecheck-bench.jar [--smoke] [--reps N] [--warmup N] [--rows 1,2,...]
 *     [--data DIR] [--out FILE] [--jar cli/target/imagecheck.jar] [--launcher ./imagecheck | --no-launcher]
 * </pre>
 *
 * <p>Every row runs its baseline and imagecheck alternately in the same repetitions (at least 5; one in
 * smoke mode, which also uses small inputs and is what CI runs, untimed). In-process rows (library
 * scans, the JDK inflater) first run {@code --warmup} unmeasured passes (default 10: on the bench
 * machine the optimising compiler is still replacing the scan's code after 2 to 4 scans of the big
 * layer, which then measure 1.09 to 1.11 times inflate instead of 1.04 to 1.06; a long-running service
 * is past that after its first few images); one-shot rows start a new JVM each time, as a user's
 * {@code imagecheck scan} does.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class Harness {

  private static final Set<Integer> SCAN_EXITS = Set.of(0, 1); // 1: the image fails the policy, as expected
  private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private final Options options;
  private final PrintStream out;
  private final PrintStream log;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> loads = new ArrayList<>();
  private final Scanner scanner = Scanner.with(Policies.hardened());

  /**
   * The command-line options.
   *
   * @param smoke small inputs, one repetition, no warm-up
   * @param reps measured repetitions per row
   * @param warmup unmeasured passes before in-process rows
   * @param rows the targets to run (empty: all)
   * @param data where inputs are built
   * @param out where the Markdown table is written
   * @param jar the command line's runnable jar
   * @param launcher the launcher script one-shot rows run (default: {@code imagecheck} in the repository
   *     that holds the jar), or null for {@code java -jar}
   */
  record Options(boolean smoke, int reps, int warmup, List<String> rows, Path data, Path out, Path jar,
      @org.jspecify.annotations.Nullable Path launcher) {

    static Options parse(String... args) {
      boolean smoke = false;
      Integer reps = null;
      Integer warmup = null;
      List<String> rows = List.of();
      Path data = null;
      Path out = null;
      Path jar = Path.of("cli/target/imagecheck.jar");
      Path launcher = null;
      boolean noLauncher = false;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--smoke" -> smoke = true;
          case "--reps" -> reps = Integer.parseInt(value(args, ++i, a));
          case "--warmup" -> warmup = Integer.parseInt(value(args, ++i, a));
          case "--rows" -> rows = List.of(value(args, ++i, a).split(","));
          case "--data" -> data = Path.of(value(args, ++i, a));
          case "--out" -> out = Path.of(value(args, ++i, a));
          case "--jar" -> jar = Path.of(value(args, ++i, a));
          case "--launcher" -> launcher = Path.of(value(args, ++i, a));
          case "--no-launcher" -> noLauncher = true;
          default -> throw new IllegalArgumentException("unknown option " + a + "; see the Harness Javadoc");
        }
      }
      if (launcher == null && !noLauncher) {
        // The repository's launcher script, next to cli/ (what users run), when the jar is the one it runs.
        Path root = jar.toAbsolutePath().normalize().getParent();
        root = root == null || root.getParent() == null ? null : root.getParent().getParent();
        if (root != null && Files.isExecutable(root.resolve("imagecheck"))) {
          launcher = root.resolve("imagecheck");
        }
      }
      Path target = Path.of("bench", "target");
      Path base = Files.isDirectory(target) ? target : Path.of(".");
      return new Options(smoke, reps != null ? reps : smoke ? 1 : 5, warmup != null ? warmup : smoke ? 0 : 10, rows,
          data != null ? data : base.resolve(smoke ? "bench-smoke" : "bench-data"),
          out != null ? out : base.resolve(smoke ? "bench-smoke-results.md" : "bench-results.md"), jar, launcher);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    boolean wants(String target) {
      return rows.isEmpty() || rows.contains(target);
    }
  }

  Harness(Options options, PrintStream out, PrintStream log) {
    this.options = options;
    this.out = out;
    this.log = log;
  }

  /**
   * Runs the harness.
   *
   * @param args see the class comment
   * @throws Exception when an input cannot be built or a measurement fails
   */
  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    new Harness(o, System.out, System.err).run();
  }

  /** Runs every selected row and writes the table; returns it. */
  String run() throws Exception {
    if (!Files.isRegularFile(options.jar())) {
      throw new IOException(options.jar() + " is missing: build it with mvn -B -q -pl bench -am package -DskipTests");
    }
    loads.add(load());
    long big = options.smoke() ? 20_000_000L : 500_000_000L;
    long small = options.smoke() ? 5_000_000L : 20_000_000L;
    long zeros = options.smoke() ? 320L << 20 : 3L << 30;
    BenchData d = BenchData.prepare(options.data(), big, small, zeros, log);
    log.println("inputs: " + d.describe());

    if (options.wants("1")) {
      libraryVsInflate(d);
    }
    if (options.wants("2")) {
      oneShotVsGzip(d);
    }
    if (options.wants("3")) {
      multiLayer(d);
    }
    if (options.wants("4")) {
      zstd(d);
    }
    if (options.wants("5")) {
      memory(d);
    }
    if (options.wants("6")) {
      registry(d);
    }
    if (options.wants("7")) {
      cache(d);
    }
    if (options.wants("8")) {
      startup(d);
    }
    loads.add(load());
    String table = table(d);
    out.println(table);
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    Files.writeString(options.out(), table, StandardCharsets.UTF_8);
    log.println("written to " + options.out());
    return table;
  }

  // ---------------------------------------------------------------------------------------------- rows

  private void libraryVsInflate(BenchData d) throws Exception {
    Action inflate = () -> inflate(d.bigGz.blob());
    Action library = () -> scan("oci:" + d.bigGzLayout, SourceOptions.defaults());
    Samples[] s = pair("1", inflate, library, true);
    add(new Row("1", "library scan (warm JVM), 1 gzip layer, hardened policy", "JDK GZIPInputStream inflate alone",
        s[0], s[1], "s", Row.Goal.atMost(1.05), "in-process, after " + options.warmup() + " warm-up passes"));
    Action view = () -> viewOnly("oci:" + d.bigGzLayout);
    Samples[] v = pair("1", inflate, view, true);
    add(new Row("–", "library metadata-only view (no inspectors), same layer", "JDK GZIPInputStream inflate alone",
        v[0], v[1], "s", Row.Goal.none(), "diagnostic: the pipeline and tar walk without content visitors"));
    Action withNeeds = () -> viewWithNeeds("oci:" + d.bigGzLayout);
    Samples[] w = pair("1", inflate, withNeeds, true);
    add(new Row("–", "library view with every content visitor of the hardened policy, no inspection",
        "JDK GZIPInputStream inflate alone", w[0], w[1], "s", Row.Goal.none(),
        "diagnostic: the single pass with all visitors; the hardened scan minus this is merging, inspecting and "
            + "the report"));
    // What each content-reading inspector adds on its own (their visitors run on the decoding threads).
    for (String id : List.of("secrets", "shell", "packages")) {
      Scanner only = Scanner.with(io.imagecheck.policy.Policy.builder(id).inspectors(id).build());
      Action one = () -> {
        try (ImageSource src = ImageSources.open("oci:" + d.bigGzLayout)) {
          only.scan(src, src.image());
        }
      };
      Samples[] o = pair("1", inflate, one, true);
      add(new Row("–", "library scan with only the " + id + " inspector, same layer",
          "JDK GZIPInputStream inflate alone", o[0], o[1], "s", Row.Goal.none(),
          "diagnostic: the cost of one inspector's content visitor and inspection"));
    }
  }

  private void oneShotVsGzip(BenchData d) throws Exception {
    Action floor = () -> Commands.shell("gzip -dc " + Commands.quote(d.bigGz.blob()) + " | sha256sum");
    Action ours = () -> oneShot(List.of(), "oci:" + d.bigGzLayout);
    Samples[] s = pair("2", floor, ours, false);
    add(new Row("2", "one-shot `imagecheck scan`, 1 gzip layer", "`gzip -dc | sha256sum`", s[0], s[1], "s",
        Row.Goal.atMost(0.9), "new JVM per run: " + oneShotDescription()));
    Action bare = () -> Commands.timed(Set.of(0), barePipelineCommand(d.bigGz, "gzip"));
    Samples[] b = pair("2", floor, bare, false);
    add(new Row("–", "one-shot bare Java pipeline (read+digest | inflate | diff_id+tar walk), same layer",
        "`gzip -dc | sha256sum`", b[0], b[1], "s", Row.Goal.none(),
        "diagnostic: a new JVM that only decodes and walks the layer (no view, inspectors, report or CLI)"));
    if (options.launcher() != null) {
      Action plainJar = () -> Commands.timed(SCAN_EXITS, plainJarCommand(List.of(), "oci:" + d.bigGzLayout));
      Samples[] p = pair("2", floor, plainJar, false);
      add(new Row("–", "one-shot `java -jar imagecheck.jar scan` (no launcher options), same image",
          "`gzip -dc | sha256sum`", p[0], p[1], "s", Row.Goal.none(),
          "diagnostic: without the launcher's CDS archive, serial GC and compile thresholds"));
    }
  }

  private void multiLayer(BenchData d) throws Exception {
    Row scans = multiLayer(d, "3", "library scan of the 4-layer gzip image", Row.Goal.atMost(0.7),
        ref -> scan(ref, SourceOptions.defaults()), "");
    add(scans);
    add(multiLayer(d, "–", "library metadata-only view of the 4-layer gzip image", Row.Goal.none(), Harness::viewOnly,
        "diagnostic: the same without content visitors and inspectors; "));
  }

  /** A way of reading an image in this JVM. */
  private interface Read {
    void read(String ref) throws IOException;
  }

  /**
   * Reads the four parts one after the other and the image made of them, alternately, timing each and
   * measuring the process's CPU time, to show how many cores each way keeps busy.
   */
  private Row multiLayer(BenchData d, String target, String what, Row.Goal goal, Read read, String note)
      throws Exception {
    for (int i = 0; i < options.warmup(); i++) {
      read.read("oci:" + d.multiLayout);
    }
    Samples sum = new Samples();
    Samples multi = new Samples();
    double aloneCpu = 0;
    double multiCpu = 0;
    for (int r = 0; r < options.reps(); r++) {
      double total = 0;
      long c0 = processCpuNanos();
      for (Path p : d.partLayouts) {
        long t0 = System.nanoTime();
        read.read("oci:" + p);
        total += Samples.seconds(t0);
      }
      aloneCpu += (processCpuNanos() - c0) / 1e9;
      sum.add(total);
      c0 = processCpuNanos();
      long t0 = System.nanoTime();
      read.read("oci:" + d.multiLayout);
      multi.add(Samples.seconds(t0));
      multiCpu += (processCpuNanos() - c0) / 1e9;
    }
    double aloneWall = 0;
    double multiWall = 0;
    for (int r = 0; r < sum.size(); r++) {
      aloneWall += sum.get(r);
      multiWall += multi.get(r);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    String cpu = aloneCpu > 0 ? String.format(Locale.ROOT, "; busy cores on average: %.2f for a lone layer, %.2f of %d "
        + "for the image (CPU-seconds %.2f and %.2f per pass)", aloneCpu / aloneWall, multiCpu / multiWall, cores,
        aloneCpu / sum.size(), multiCpu / sum.size()) : "";
    return new Row(target, what, "sum of its 4 layers each read alone", sum, multi, "s", goal,
        note + "layers decoded in parallel on " + cores + " cores" + cpu);
  }

  private void zstd(BenchData d) throws Exception {
    if (!Commands.installed("zstd")) {
      add(Row.skipped("4", "one-shot scan, 1 zstd layer", "zstd is not installed"));
      return;
    }
    Action floor = () -> Commands.shell("zstd -dc " + Commands.quote(d.bigZst.blob()) + " | sha256sum");
    Action ours = () -> oneShot(List.of(), "oci:" + d.bigZstLayout);
    Samples[] s = pair("4", floor, ours, false);
    add(new Row("4", "one-shot `imagecheck scan`, 1 zstd layer (pure-Java decoder)", "`zstd -dc | sha256sum`", s[0],
        s[1], "s", Row.Goal.atMost(2.5), "aircompressor; zstd-jni is used only when on the class path"));
    Action bare = () -> Commands.timed(Set.of(0), barePipelineCommand(d.bigZst, "zstd"));
    Samples[] b = pair("4", floor, bare, false);
    add(new Row("–", "one-shot bare Java pipeline, 1 zstd layer (pure-Java decoder)", "`zstd -dc | sha256sum`",
        b[0], b[1], "s", Row.Goal.none(), "diagnostic: a new JVM that only decodes and walks the layer"));
    Action lib = () -> withNativeZstd(false, () -> scan("oci:" + d.bigZstLayout, SourceOptions.defaults()));
    Samples[] w = pair("4", floor, lib, true);
    add(new Row("–", "library scan (warm JVM), 1 zstd layer, pure-Java decoder", "`zstd -dc | sha256sum`", w[0],
        w[1], "s", Row.Goal.none(), "diagnostic: aircompressor warm"));
    Action jni = () -> withNativeZstd(true, () -> scan("oci:" + d.bigZstLayout, SourceOptions.defaults()));
    Samples[] j = pair("4", floor, jni, true);
    add(new Row("–", "library scan (warm JVM), 1 zstd layer, zstd-jni on the class path", "`zstd -dc | sha256sum`",
        j[0], j[1], "s", Row.Goal.none(), "diagnostic: the optional native decoder, warm"));
  }

  private void memory(BenchData d) throws Exception {
    Samples small = new Samples();
    Samples big = new Samples();
    int reps = Math.min(options.reps(), 3);
    for (int r = 0; r < reps; r++) {
      small.add(peakHeap(d.zerosSmallLayout));
      big.add(peakHeap(d.zerosBigLayout));
    }
    add(new Row("5", String.format(Locale.ROOT, "peak heap after GC, %.0f MiB layer, `-Xmx256m`",
        d.zerosBig.tarSize() / 1048576.0), String.format(Locale.ROOT, "same for a %.0f MiB layer",
            d.zerosSmall.tarSize() / 1048576.0), small, big, "MiB", Row.Goal.atMost(1.25),
        "one-shot scans under -Xmx256m; both completed (a failure would abort the run)"));
  }

  private void registry(BenchData d) throws Exception {
    if (!Commands.installed("docker-registry") || !Commands.installed("skopeo")) {
      add(Row.skipped("6", "pull + scan from a local registry", "docker-registry or skopeo is not installed"));
      return;
    }
    Path dir = options.data().resolve("registry");
    deleteTree(dir);
    Files.createDirectories(dir);
    int port = freePort();
    String config = "version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: "
        + dir.resolve("storage") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n";
    Path cfg = dir.resolve("config.yml");
    Files.writeString(cfg, config, StandardCharsets.UTF_8);
    Process registry = new ProcessBuilder("docker-registry", "serve", cfg.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("registry.log").toFile()).start();
    try {
      waitForPort(port, registry);
      String host = "127.0.0.1:" + port;
      Commands.timed(Set.of(0), List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
          "oci:" + d.bigGzLayout + ":latest", "docker://" + host + "/bench/big:latest"));
      SourceOptions remote = SourceOptions.builder()
          .registry(RegistryOptions.builder().insecureRegistry(host).build()).build();
      Action layout = () -> scan("oci:" + d.bigGzLayout, SourceOptions.defaults());
      Action pull = () -> scan("docker://" + host + "/bench/big:latest", remote);
      Samples[] s = pair("6", layout, pull, true);
      add(new Row("6", "library pull + scan from a local docker-registry (HTTP)", "scan of the same image from an"
          + " OCI layout", s[0], s[1], "s", Row.Goal.atMost(1.1), "download overlapped with decoding, never written"));
    } finally {
      registry.destroy();
      registry.waitFor();
    }
  }

  private void cache(BenchData d) throws Exception {
    add(CacheRow.measure(this, d));
  }

  private void startup(BenchData d) throws Exception {
    String ref = "oci:" + d.smallLayout;
    // The archive the build ships next to the jar when it is current, else one made here the same way.
    Path shipped = options.jar().resolveSibling("imagecheck.jsa");
    Path jsa;
    String made;
    if (Files.isRegularFile(shipped)
        && Files.getLastModifiedTime(shipped).compareTo(Files.getLastModifiedTime(options.jar())) > 0) {
      jsa = shipped;
      made = "the archive the build ships (" + shipped.getFileName() + ", made scanning the bundled sample)";
    } else {
      jsa = options.data().resolve("cds").resolve("imagecheck.jsa");
      Files.createDirectories(jsa.getParent());
      Files.deleteIfExists(jsa);
      Commands.timed(SCAN_EXITS, plainJarCommand(List.of("-XX:ArchiveClassesAtExit=" + jsa), ref));
      made = "an archive made here with -XX:ArchiveClassesAtExit scanning this image";
    }
    for (int i = 0; i < Math.max(options.warmup(), 1) * 3; i++) {
      scan(ref, SourceOptions.defaults());
    }
    Samples warm = new Samples();
    Samples plain = new Samples();
    Samples cds = new Samples();
    Samples launched = new Samples();
    for (int r = 0; r < options.reps(); r++) {
      long t0 = System.nanoTime();
      scan(ref, SourceOptions.defaults());
      warm.add(Samples.seconds(t0));
      plain.add(Commands.timed(SCAN_EXITS, plainJarCommand(List.of("-Xshare:auto"), ref)));
      cds.add(Commands.timed(SCAN_EXITS, plainJarCommand(List.of("-XX:SharedArchiveFile=" + jsa), ref)));
      if (options.launcher() != null) {
        launched.add(Commands.timed(SCAN_EXITS, oneShotCommand(List.of(), ref)));
      }
    }
    add(new Row("–", "one-shot `imagecheck scan` of the small image", "library scan of it (warm JVM)", warm, plain, "s",
        Row.Goal.none(), String.format(Locale.ROOT, "diagnostic: the JVM's share (start-up, class loading, JIT)"
            + " is %.2f s of %.2f s (median)", plain.median() - warm.median(), plain.median())));
    Samples sharePlain = new Samples();
    Samples shareCds = new Samples();
    double base = warm.median();
    for (int i = 0; i < plain.size(); i++) {
      sharePlain.add(Math.max(1e-3, plain.get(i) - base));
      shareCds.add(Math.max(1e-3, cds.get(i) - base));
    }
    add(new Row("8", "JVM share of a one-shot small-image scan, with an AppCDS archive",
        "the same without the archive", sharePlain, shareCds, "s", Row.Goal.atMost(0.8),
        "share = one-shot `java -jar` time - warm library time; " + made));
    if (!launched.isEmpty()) {
      Samples shareLaunched = new Samples();
      for (int i = 0; i < launched.size(); i++) {
        shareLaunched.add(Math.max(1e-3, launched.get(i) - base));
      }
      add(new Row("–", "JVM share of the same scan through the launcher (archive, serial GC, compile thresholds)",
          "`java -jar` without options", sharePlain, shareLaunched, "s", Row.Goal.none(),
          "diagnostic: what `imagecheck scan` costs beyond the work itself"));
    }
  }

  // -------------------------------------------------------------------------------------------- helpers

  /** A measured action. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  /**
   * Runs the baseline and imagecheck alternately, {@code reps} times each (after warm-up passes of both
   * when in-process), so both see the same machine load.
   */
  private Samples[] pair(String target, Action baseline, Action ours, boolean inProcess) throws Exception {
    log.println("target " + target + ": " + load());
    if (inProcess) {
      for (int i = 0; i < options.warmup(); i++) {
        baseline.run();
        ours.run();
      }
    }
    Samples b = new Samples();
    Samples o = new Samples();
    for (int r = 0; r < options.reps(); r++) {
      if (r % 2 == 0) {
        b.add(time(baseline));
        o.add(time(ours));
      } else {
        o.add(time(ours));
        b.add(time(baseline));
      }
    }
    log.println("  baseline: " + b.all() + "\n  imagecheck: " + o.all());
    return new Samples[] {b, o};
  }

  /** Runs an action with the optional native zstd decoder allowed or not. */
  private static void withNativeZstd(boolean allowed, Action a) throws Exception {
    String before = System.getProperty(Decompressors.NATIVE_ZSTD_PROPERTY);
    System.setProperty(Decompressors.NATIVE_ZSTD_PROPERTY, Boolean.toString(allowed));
    try {
      a.run();
    } finally {
      if (before == null) {
        System.clearProperty(Decompressors.NATIVE_ZSTD_PROPERTY);
      } else {
        System.setProperty(Decompressors.NATIVE_ZSTD_PROPERTY, before);
      }
    }
  }

  static double time(Action a) throws Exception {
    long t0 = System.nanoTime();
    a.run();
    return Samples.seconds(t0);
  }

  private void add(Row row) {
    rows.add(row);
    log.println("row " + row.target() + ": " + row.what() + ": " + row.ratios() + " " + row.met());
  }

  /** Scans an image in this JVM with the hardened policy (the report is built, not written). */
  void scan(String ref, SourceOptions so) throws IOException {
    try (ImageSource s = ImageSources.open(ref, so)) {
      Image img = s.image();
      scanner.scan(s, img);
    }
  }

  Scanner scanner() {
    return scanner;
  }

  Options options() {
    return options;
  }

  PrintStream log() {
    return log;
  }

  /** The CPU time this process has used, or 0 when the JVM cannot tell. */
  private static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /** Builds the view with the content needs of the hardened policy's inspectors, without inspecting. */
  private static void viewWithNeeds(String ref) throws IOException {
    List<io.imagecheck.fs.ContentNeeds> needs = new ArrayList<>();
    io.imagecheck.policy.Policy hardened = Policies.hardened();
    for (io.imagecheck.inspect.Inspector i : io.imagecheck.inspectors.Inspectors.builtIn()) {
      if (hardened.runs(i.id())) {
        needs.add(i.contentNeeds());
      }
    }
    try (ImageSource s = ImageSources.open(ref)) {
      io.imagecheck.filesystems.FileSystemViews.read(s.image(), io.imagecheck.fs.ContentNeeds.combine(needs),
          io.imagecheck.filesystems.ViewOptions.defaults());
    }
  }

  private static void viewOnly(String ref) throws IOException {
    try (ImageSource s = ImageSources.open(ref)) {
      io.imagecheck.filesystems.FileSystemViews.read(s.image());
    }
  }

  private static void inflate(Path gz) throws IOException {
    byte[] buf = new byte[1 << 16];
    try (InputStream in = new GZIPInputStream(new FileInputStream(gz.toFile()), 1 << 16)) {
      while (in.read(buf) >= 0) {
        // read to the end
      }
    }
  }

  /** Runs {@code imagecheck scan REF} in a new JVM (the launcher if given, else java -jar). */
  void oneShot(List<String> jvmOptions, String ref) throws IOException {
    Commands.timed(SCAN_EXITS, oneShotCommand(jvmOptions, ref));
  }

  /** The launcher when there is one and no JVM options are asked for, else {@code java OPTIONS -jar}. */
  List<String> oneShotCommand(List<String> jvmOptions, String ref) {
    if (options.launcher() != null && jvmOptions.isEmpty()) {
      return List.of(options.launcher().toString(), "scan", ref);
    }
    return plainJarCommand(jvmOptions, ref);
  }

  /** {@link BarePipeline} in a new JVM, from the harness's own jar. */
  private static List<String> barePipelineCommand(LayerBlob blob, String compression) {
    String cp = System.getProperty("java.class.path");
    // The pure-Java decoders, as the command line ships (zstd-jni is on this jar's class path).
    return List.of(Commands.java(), "-D" + Decompressors.NATIVE_ZSTD_PROPERTY + "=false", "-cp", cp,
        BarePipeline.class.getName(), blob.blob().toString(), compression, blob.digest().toString(),
        blob.diffId().toString());
  }

  List<String> plainJarCommand(List<String> jvmOptions, String ref) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Commands.java());
    cmd.addAll(jvmOptions);
    cmd.add("-jar");
    cmd.add(options.jar().toString());
    cmd.add("scan");
    cmd.add(ref);
    return cmd;
  }

  private String oneShotDescription() {
    return options.launcher() != null ? "the " + options.launcher() + " launcher" : "java -jar " + options.jar();
  }

  /** The largest heap occupancy after a GC while a one-shot scan runs under -Xmx256m, in MiB. */
  private double peakHeap(Path layout) throws Exception {
    Path gcLog = Files.createTempFile("imagecheck-bench-gc", ".log");
    try {
      Commands.timed(SCAN_EXITS, oneShotCommand(List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog), "oci:" + layout));
      double peak = 0;
      for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
        Matcher m = GC_LINE.matcher(line);
        if (m.find()) {
          peak = Math.max(peak, Double.parseDouble(m.group(2)));
        }
      }
      return peak;
    } finally {
      Files.deleteIfExists(gcLog);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port, Process p) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("docker-registry exited with " + p.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IOException("docker-registry did not listen on " + port);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static String load() {
    try {
      String l = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
      String[] f = l.split(" ");
      return "load average " + f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException e) {
      return "load average unknown";
    }
  }

  private static String cpu() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private String table(BenchData d) {
    StringBuilder b = new StringBuilder();
    b.append("imagecheck bench, ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(options.smoke() ? " (smoke: small inputs, untimed)" : "").append('\n');
    b.append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(cpu()).append("), Java ")
        .append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append('\n');
    b.append("load at start: ").append(loads.get(0)).append("; at end: ").append(loads.get(loads.size() - 1))
        .append('\n');
    b.append("inputs: ").append(d.describe()).append('\n');
    b.append("repetitions: ").append(options.reps()).append(" measured (min / median)")
        .append(options.warmup() > 0 ? ", after " + options.warmup() + " warm-up passes in-process" : "")
        .append("\n\n");
    b.append("| target | imagecheck | baseline | baseline min / med | imagecheck min / med | ratio min / med |"
        + " goal | met | notes |\n");
    b.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| ").append(r.target()).append(" | ").append(cell(r.what())).append(" | ").append(cell(r.baselineName()))
          .append(" | ").append(r.baseline().describe()).append(' ').append(r.measured() ? r.unit() : "")
          .append(" | ").append(r.ours().describe()).append(' ').append(r.measured() ? r.unit() : "")
          .append(" | ").append(r.ratios()).append(" | ").append(r.goal().describe()).append(" | ")
          .append(r.met()).append(" | ").append(cell(r.note())).append(" |\n");
    }
    return b.toString();
  }

  List<Row> rows() {
    return rows;
  }

  /** Text for a Markdown table cell: a {@code |}, even inside code, would end the cell. */
  static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
