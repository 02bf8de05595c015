package io.imagecheck.inspectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspect.Rule;
import io.imagecheck.inspect.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The filesystem inspectors in {@link Inspectors#builtIn()}: order, ids and rule declarations. */
class BuiltInFilesystemInspectorsTest {

  private static final List<String> FILESYSTEM = List.of("shell", "package-manager", "tools", "user", "permissions");

  @Test
  void should_list_the_filesystem_inspectors_first_in_report_order() {
    List<String> ids = Inspectors.builtIn().stream().map(Inspector::id).toList();
    assertThat(ids.subList(0, FILESYSTEM.size())).isEqualTo(FILESYSTEM);
  }

  @Test
  void should_declare_rules_named_after_their_inspector_with_the_default_severities() {
    Map<String, Severity> rules = Inspectors.builtIn().stream().filter(i -> FILESYSTEM.contains(i.id()))
        .peek(i -> assertThat(i.rules()).allSatisfy(r -> {
          assertThat(r.id()).startsWith(i.id() + ".");
          assertThat(r.description()).isNotBlank();
          assertThat(r.help()).isNotBlank();
        }))
        .flatMap(i -> i.rules().stream()).collect(Collectors.toMap(Rule::id, Rule::defaultSeverity));
    assertThat(rules).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("shell.present", Severity.HIGH),
        Map.entry("shell.off-path", Severity.HIGH),
        Map.entry("shell.form-command", Severity.MEDIUM),
        Map.entry("shell.command", Severity.MEDIUM),
        Map.entry("package-manager.present", Severity.HIGH),
        Map.entry("package-manager.database", Severity.INFO),
        Map.entry("tools.present", Severity.HIGH),
        Map.entry("user.root", Severity.HIGH),
        Map.entry("user.unknown", Severity.MEDIUM),
        Map.entry("user.extra-uid0", Severity.HIGH),
        Map.entry("user.empty-password", Severity.HIGH),
        Map.entry("user.duplicate-uid", Severity.MEDIUM),
        Map.entry("user.duplicate-gid", Severity.MEDIUM),
        Map.entry("permissions.setuid", Severity.HIGH),
        Map.entry("permissions.setgid", Severity.HIGH),
        Map.entry("permissions.capabilities", Severity.HIGH),
        Map.entry("permissions.world-writable", Severity.MEDIUM)));
  }
}
