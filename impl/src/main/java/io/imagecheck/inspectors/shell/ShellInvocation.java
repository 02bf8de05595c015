package io.imagecheck.inspectors.shell;

import io.imagecheck.fs.ImagePaths;
import io.imagecheck.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A shell that the config's {@code ENTRYPOINT}/{@code CMD} runs.
 *
 * <p>The command a container runs is {@code ENTRYPOINT} followed by {@code CMD} (or {@code CMD} alone).
 * A shell is found when the command starts with the config's {@code SHELL} (Docker's shell form under a
 * custom {@code SHELL}), or when one of its first words names a shell (by base name, or
 * {@code busybox sh}), possibly after wrappers such as {@code tini --}, {@code dumb-init},
 * {@code env} or {@code gosu USER}. The shell runs a command string ({@link #commandString()}) when an
 * option cluster with {@code c} follows it before the first operand: {@code /bin/sh -c},
 * {@code bash -ec}, {@code bash -o pipefail -c}.
 *
 * @param instruction {@code ENTRYPOINT} or {@code CMD}: the part of the command the shell is in
 * @param shell the shell word as written, e.g. {@code /bin/sh} or {@code sh}
 * @param commandString true when the shell runs a {@code -c} command string (the shell form)
 */
record ShellInvocation(String instruction, String shell, boolean commandString) {

  private static final Set<String> WRAPPERS = Set.of("tini", "tini-static", "dumb-init", "catatonit", "env",
      "nohup", "exec", "--", "gosu", "su-exec", "setpriv", "chpst", "s6-setuidgid");
  private static final Set<String> WRAPPERS_WITH_ARGUMENT = Set.of("gosu", "su-exec", "s6-setuidgid", "chpst");
  private static final int MAX_PREFIX = 6;

  /**
   * Finds the shell the config's command runs.
   *
   * @param config the image config
   * @param shellNames the names that count as shells
   * @return the invocation, if the command runs a shell
   */
  static Optional<ShellInvocation> of(ImageConfig config, Set<String> shellNames) {
    List<String> argv = new ArrayList<>(config.entrypoint());
    argv.addAll(config.cmd());
    int entrypointSize = config.entrypoint().size();
    if (argv.isEmpty()) {
      return Optional.empty();
    }
    List<String> shell = config.shell();
    if (!shell.isEmpty() && argv.size() > shell.size() && argv.subList(0, shell.size()).equals(shell)) {
      return Optional.of(new ShellInvocation(instruction(0, entrypointSize), argv.get(0), true));
    }
    boolean expectArgument = false;
    for (int i = 0; i < argv.size() && i < MAX_PREFIX; i++) {
      String word = argv.get(i);
      String base = ImagePaths.name(ImagePaths.clean("/" + word));
      if (expectArgument) {
        expectArgument = false;
        continue;
      }
      int next = -1;
      if (shellNames.contains(base)) {
        next = i + 1;
      } else if ((base.equals("busybox") || base.equals("toybox")) && i + 1 < argv.size()
          && shellNames.contains(argv.get(i + 1))) {
        next = i + 2;
      }
      if (next >= 0) {
        return Optional.of(new ShellInvocation(instruction(i, entrypointSize), word, runsCommandString(argv, next)));
      }
      if (WRAPPERS.contains(base) || (i > 0 && word.startsWith("-"))) {
        expectArgument = WRAPPERS_WITH_ARGUMENT.contains(base);
        continue;
      }
      break;
    }
    return Optional.empty();
  }

  private static String instruction(int index, int entrypointSize) {
    return index < entrypointSize ? "ENTRYPOINT" : "CMD";
  }

  private static boolean runsCommandString(List<String> argv, int from) {
    for (int j = from; j < argv.size(); j++) {
      String a = argv.get(j);
      if (a.matches("-[A-Za-z]*c[A-Za-z]*")) {
        return true;
      }
      if (a.equals("-o") || a.equals("+o") || a.equals("-O") || a.equals("+O")) {
        j++;
        continue;
      }
      if (!(a.startsWith("-") || a.startsWith("+")) || a.equals("-") || a.equals("--")) {
        return false;
      }
    }
    return false;
  }
}
