package io.imagecheck.cli;

import io.imagecheck.fs.FileEntry;
import io.imagecheck.inspect.Finding;
import io.imagecheck.inspect.InspectionContext;
import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.InspectorResult;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Small inspectors for the {@code scan} tests, so that exit codes do not depend on which built-in
 * inspectors exist yet: each reports one rule when a path exists, or throws.
 */
final class TestInspectors {

  private TestInspectors() {}

  /**
   * An inspector reporting a finding for a path when it exists in the image.
   *
   * @param id the inspector id
   * @param ruleId the rule
   * @param severity the inspector's severity (the policy may override it)
   * @param path the path to look for
   * @return the inspector
   */
  static Inspector whenPresent(String id, String ruleId, Severity severity, String path) {
    return new Inspector() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String description() {
        return "Reports " + path + " (test).";
      }

      @Override
      public List<Rule> rules() {
        return List.of(new Rule(ruleId, severity, "test " + ruleId, "A test rule.", "None."));
      }

      @Override
      public InspectorResult inspect(InspectionContext context) {
        Optional<FileEntry> entry = context.fileSystem().entry(path);
        List<Finding> findings = entry.map(e -> List.of(Finding.at(ruleId, id, severity, path + " is present", path,
            e.origin(), Map.of()))).orElse(List.of());
        return InspectorResult.of(id, Map.of("present", entry.isPresent()), findings);
      }
    };
  }

  /**
   * An inspector that always throws.
   *
   * @param id the inspector id
   * @return the inspector
   */
  static Inspector throwing(String id) {
    return new Inspector() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String description() {
        return "Fails (test).";
      }

      @Override
      public List<Rule> rules() {
        return List.of();
      }

      @Override
      public InspectorResult inspect(InspectionContext context) throws IOException {
        throw new IOException("cannot read /etc/shadow");
      }
    };
  }

  /** shell.present for /bin/sh (HIGH in hardened). */
  static final Inspector SHELL = whenPresent("shell", "shell.present", Severity.MEDIUM, "/bin/sh");
  /** secrets.private-key for /root/.ssh/id_rsa (CRITICAL in hardened and baseline). */
  static final Inspector SECRETS = whenPresent("secrets", "secrets.private-key", Severity.HIGH, "/root/.ssh/id_rsa");
  /** permissions.setuid for /usr/bin/passwd (HIGH in hardened, MEDIUM in baseline). */
  static final Inspector PERMISSIONS = whenPresent("permissions", "permissions.setuid", Severity.HIGH,
      "/usr/bin/passwd");
}
