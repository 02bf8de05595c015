package io.imagecheck.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few places allowed to use an API the forbidden-apis check bans (in this module: the
 * process's own {@code System.out} and {@code System.err}, wrapped once in {@link Main#main}).
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.TYPE})
@interface SuppressForbidden {
  /**
   * Why the ban does not apply here.
   *
   * @return the reason
   */
  String value();
}
