package io.imagecheck.inspectors.executables;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecheck.image.ImageConfig;
import org.junit.jupiter.api.Test;

class SearchPathsTest {

  @Test
  void should_use_the_default_path_when_the_config_sets_none() {
    ImageConfig config = ImageConfig.builder().build();
    assertThat(SearchPaths.pathDirectories(config))
        .containsExactly("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    assertThat(SearchPaths.searchDirectories(config)).isEqualTo(SearchPaths.USUAL_DIRECTORIES);
  }

  @Test
  void should_keep_absolute_cleaned_unique_path_entries_then_add_usual_directories() {
    // GIVEN a PATH with a relative entry, an empty one, a duplicate and an unclean one
    ImageConfig config = ImageConfig.builder().addEnv("PATH", "/busybox:.::bin:/opt/app//bin/:/busybox:/bin").build();
    // WHEN / THEN
    assertThat(SearchPaths.pathDirectories(config)).containsExactly("/busybox", "/opt/app/bin", "/bin");
    assertThat(SearchPaths.searchDirectories(config)).containsExactly("/busybox", "/opt/app/bin", "/bin",
        "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin");
  }

  @Test
  void should_search_only_usual_directories_when_path_is_empty() {
    ImageConfig config = ImageConfig.builder().addEnv("PATH", "").build();
    assertThat(SearchPaths.pathDirectories(config)).isEmpty();
    assertThat(SearchPaths.searchDirectories(config)).hasSize(6);
  }
}
