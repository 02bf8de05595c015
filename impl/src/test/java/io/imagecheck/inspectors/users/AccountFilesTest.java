package io.imagecheck.inspectors.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.inspectors.users.AccountFiles.Account;
import io.imagecheck.inspectors.users.AccountFiles.Group;
import io.imagecheck.inspectors.users.AccountFiles.Parsed;
import io.imagecheck.inspectors.users.AccountFiles.Shadow;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountFilesTest {

  @Test
  void should_parse_passwd_skipping_comments_blank_and_malformed_lines_with_warnings() {
    // GIVEN comments, a CRLF line, a short line, a non-numeric uid, an overflowing gid, NIS and an empty name
    String text = "# accounts\n"
        + "root:x:0:0:root:/root:/bin/sh\r\n"
        + "\n"
        + "short:x:1\n"
        + "bad:x:abc:1:x:/:/bin/false\n"
        + "big:x:1:99999999999:x:/:/bin/false\n"
        + "+nisuser::::::\n"
        + ":x:5:5::/:/bin/false\n"
        + "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin";
    // WHEN
    Parsed<Account> p = AccountFiles.passwd(text, "/etc/passwd");
    // THEN two accounts and one warning per bad line, naming line and account but not the line itself
    assertThat(p.records()).containsExactly(
        new Account("root", "x", 0, 0, "/root", "/bin/sh", 2),
        new Account("nonroot", "x", 65532, 65532, "/home/nonroot", "/sbin/nologin", 9));
    assertThat(p.warnings()).containsExactly(
        "/etc/passwd:4 (short): expected 7 fields, got 3; line ignored",
        "/etc/passwd:5 (bad): uid is not a number in 0..4294967295; line ignored",
        "/etc/passwd:6 (big): gid is not a number in 0..4294967295; line ignored",
        "/etc/passwd:7: NIS compatibility entry; line ignored",
        "/etc/passwd:8: empty name; line ignored");
  }

  @Test
  void should_parse_groups_with_members_and_shadow_password_fields() {
    Parsed<Group> g = AccountFiles.group("root:x:0:\nwheel:x:10:root, admin\nodd:x:11\nbroken:x\n", "/etc/group");
    assertThat(g.records()).containsExactly(new Group("root", 0, List.of(), 1),
        new Group("wheel", 10, List.of("root", "admin"), 2), new Group("odd", 11, List.of(), 3));
    assertThat(g.warnings()).containsExactly("/etc/group:4 (broken): expected 4 fields, got 2; line ignored");
    Parsed<Shadow> s = AccountFiles.shadow("root::10933:0:99999:7:::\nbin:*:1::::::\nlonely\n", "/etc/shadow");
    assertThat(s.records()).containsExactly(new Shadow("root", "", 1), new Shadow("bin", "*", 2));
    assertThat(s.warnings()).hasSize(1);
  }

  @Test
  void should_bound_warnings_on_garbage_input() {
    // GIVEN 500 lines of binary-ish garbage
    String garbage = "\u0000\u0001garbage\u0007\n".repeat(500);
    // WHEN
    Parsed<Account> p = AccountFiles.passwd(garbage, "/etc/passwd");
    // THEN no records, 50 warnings and a count of the rest, control characters replaced
    assertThat(p.records()).isEmpty();
    assertThat(p.warnings()).hasSize(AccountFiles.MAX_WARNINGS + 1);
    assertThat(p.warnings().get(0)).isEqualTo("/etc/passwd:1 (??garbage?): expected 7 fields, got 1; line ignored");
    assertThat(p.warnings().get(50)).isEqualTo("/etc/passwd: 450 more malformed lines ignored");
  }

  @Test
  void should_read_ids_as_unsigned_32_bit_decimals_only() {
    assertThat(AccountFiles.id("0")).isZero();
    assertThat(AccountFiles.id("4294967295")).isEqualTo(4294967295L);
    assertThat(AccountFiles.id("4294967296")).isEqualTo(-1);
    assertThat(AccountFiles.id("-1")).isEqualTo(-1);
    assertThat(AccountFiles.id("")).isEqualTo(-1);
    assertThat(AccountFiles.id("1e3")).isEqualTo(-1);
  }
}
