package io.imagecheck.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.imagecheck.inspect.InstalledPackage;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.Test;

/** Tests for {@link SoftImageAssertions}: failures are collected, not thrown, and reported together. */
class SoftImageAssertionsTest extends ImageFixtures {

  @Test
  void should_collect_every_failure_and_report_them_on_close() {
    // GIVEN
    SoftImageAssertions softly = new SoftImageAssertions();

    // WHEN
    softly.assertThat(loose).hasNoShell().runsAsNonRoot().hasUser("root");
    softly.assertThat(loose).containsFile("/app/missing").withMode("0755").isExecutable();
    softly.assertThat(loose).containsFile("/app/server").withMode("0755").ownedBy(65532, 65532);
    softly.check(() -> ImageCheckAssertions.assertThat(loose).packages().extracting(InstalledPackage::name)
        .contains("curl"));
    Throwable error = catchThrowable(softly::close);

    // THEN 3 + 1 (the chain after the missing file is skipped) + 1 + 1
    assertThat(error).isInstanceOf(AssertJMultipleFailuresError.class);
    AssertJMultipleFailuresError multiple = (AssertJMultipleFailuresError) error;
    assertThat(multiple.getFailures()).hasSize(6);
    assertThat(multiple.getFailures()).extracting(Throwable::getMessage).element(3).isEqualTo(
        "Expecting image " + loose.source() + " to contain /app/missing, but it does not exist");
    assertThat(multiple.getMessage()).startsWith(System.lineSeparator() + "image assertions (6 failures)");
    assertThat(softly.wasSuccess()).isTrue();
  }

  @Test
  void should_pass_silently_when_everything_holds_and_rethrow_a_single_failure_as_is() {
    // GIVEN
    SoftImageAssertions softly = new SoftImageAssertions();
    softly.assertThat(hardened).hasNoShell().runsAsNonRoot().containsFile("/app/server").isExecutable();
    softly.assertAll();
    softly.assertThat(hardened).hasUser("0");

    // WHEN
    Throwable error = catchThrowable(softly::assertAll);

    // THEN
    assertThat(error).isNotInstanceOf(AssertJMultipleFailuresError.class).hasMessage("Expecting image "
        + hardened.source() + " to run as user \"0\", but it runs as \"65532\" (set by history step 2: USER 65532)");
  }
}
