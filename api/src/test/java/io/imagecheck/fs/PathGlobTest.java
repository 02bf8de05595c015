package io.imagecheck.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Glob matching, and the literal text checked before the pattern, which must never reject a match. */
class PathGlobTest {

  @Test
  void should_take_the_longest_literal_run_outside_wildcards_classes_and_alternatives() {
    assertEquals("-packages/", PathGlob.requiredText("/**/{site,dist}-packages/*.{dist-info,egg-info}"));
    assertEquals("id_rsa", PathGlob.requiredText("/**/id_rsa"));
    // the "/" of "**/" is optional: "/a/**/b" matches "/a/b"
    assertEquals("/a/", PathGlob.requiredText("/a/**/b"));
    assertEquals("/usr/lib/python3", PathGlob.requiredText("/usr/lib/python3*/**/METADATA"));
    assertEquals("/etc/", PathGlob.requiredText("/etc/[!a]?x/{b,c}"));
  }

  @Test
  void should_match_what_the_pattern_matches_whatever_the_literal_check_says() {
    PathGlob python = PathGlob.of("/**/{site,dist}-packages/*.{dist-info,egg-info}");
    assertTrue(python.matches("/usr/lib/python3/dist-packages/requests-2.31.0.dist-info"));
    assertTrue(python.matches("/site-packages/x.egg-info"));
    assertFalse(python.matches("/usr/lib/python3/dist-packages/requests/__init__.py"));
    assertFalse(python.matches("/usr/share/doc/x.dist-info"));
    PathGlob deep = PathGlob.of("/a/**/b");
    assertTrue(deep.matches("/a/b"));
    assertTrue(deep.matches("/a/x/y/b"));
    assertFalse(deep.matches("/ab"));
    PathGlob key = PathGlob.of("**/id_rsa");
    assertTrue(key.matches("/id_rsa"));
    assertTrue(key.matches("/root/.ssh/id_rsa"));
    assertFalse(key.matches("/root/.ssh/id_rsa.pub"));
    PathGlob cls = PathGlob.of("/etc/[!a]?x/{b,c}");
    assertTrue(cls.matches("/etc/bzx/c"));
    assertFalse(cls.matches("/etc/azx/c"));
    assertTrue(PathGlob.of("/etc/passwd").matches("/etc/passwd"));
    assertTrue(PathGlob.of("/**").matches("/anything/at/all"));
  }
}
