package io.imagecheck.testkit;

import io.imagecheck.filesystems.FileSystemViews;
import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.scan.Scanner;
import io.imagecheck.source.ImageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the assertions read about an image, computed once per image and kept while the image is
 * reachable: its merged filesystem and its scan report under each policy asked for. Tests may use it
 * directly to share those reads with the assertions (the JUnit extension injects them from here).
 *
 * <pre>{@code
 * Report hardened = Inspections.report(image, Policies.hardened());   // scanned once
 * assertThat(image).passesPolicy("hardened");                          // reuses it
 * }</pre>
 *
 * <p>Keyed by the image's identity (two reads of one archive are two images), with weak keys so that
 * closed and forgotten images do not pile up. Thread-safe: concurrent assertions on one image wait for a
 * single read.
 */
public final class Inspections {

  private static final Map<Key, Entry> ENTRIES = new HashMap<>();
  private static final ReferenceQueue<Image> QUEUE = new ReferenceQueue<>();

  private Inspections() {}

  /** A weak, identity-based key. */
  private static final class Key extends WeakReference<Image> {
    private final int hash;

    Key(Image image, @Nullable ReferenceQueue<Image> queue) {
      super(image, queue);
      this.hash = System.identityHashCode(image);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Key other)) {
        return false;
      }
      Image mine = get();
      return mine != null && mine == other.get();
    }
  }

  /** What is known about one image; each value is computed under the entry's lock. */
  private static final class Entry {
    private @Nullable FileSystemView view;
    private final Map<Policy, Report> reports = new HashMap<>();
    private @Nullable ImageSource source;
  }

  private static Entry entry(Image image) {
    synchronized (ENTRIES) {
      for (Object stale = QUEUE.poll(); stale != null; stale = QUEUE.poll()) {
        ENTRIES.remove(stale);
      }
      Entry e = ENTRIES.get(new Key(image, null));
      if (e == null) {
        e = new Entry();
        ENTRIES.put(new Key(image, QUEUE), e);
      }
      return e;
    }
  }

  /**
   * The merged filesystem of an image, read on first use.
   *
   * @param image the image
   * @return the view
   * @throws UncheckedIOException when the layers cannot be read
   */
  public static FileSystemView view(Image image) {
    Objects.requireNonNull(image, "image");
    Entry e = entry(image);
    synchronized (e) {
      if (e.view == null) {
        try {
          e.view = FileSystemViews.read(image);
        } catch (IOException x) {
          throw new UncheckedIOException("cannot read the layers of " + image.source() + ": " + x.getMessage(), x);
        }
      }
      return e.view;
    }
  }

  /**
   * The report of a scan of an image under a policy, scanned on first use.
   *
   * @param image the image
   * @param policy the policy
   * @return the report
   * @throws UncheckedIOException when the image cannot be read
   */
  public static Report report(Image image, Policy policy) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(policy, "policy");
    Entry e = entry(image);
    synchronized (e) {
      Report r = e.reports.get(policy);
      if (r == null) {
        try {
          r = Scanner.with(policy).scan(image);
        } catch (IOException x) {
          throw new UncheckedIOException("cannot scan " + image.source() + ": " + x.getMessage(), x);
        }
        e.reports.put(policy, r);
      }
      return r;
    }
  }

  /**
   * Remembers the source an image was read from, so that assertions that look beyond the image (its
   * signatures) find it. {@link ImageCheckAssertions#assertThat(ImageSource)} and the JUnit extension call
   * this.
   *
   * @param image the image
   * @param source its open source
   */
  public static void source(Image image, ImageSource source) {
    Objects.requireNonNull(source, "source");
    Entry e = entry(Objects.requireNonNull(image, "image"));
    synchronized (e) {
      e.source = source;
    }
  }

  /**
   * The source an image was read from, when it was registered.
   *
   * @param image the image
   * @return the source, if known
   */
  public static java.util.Optional<ImageSource> source(Image image) {
    Entry e = entry(Objects.requireNonNull(image, "image"));
    synchronized (e) {
      return java.util.Optional.ofNullable(e.source);
    }
  }

  /**
   * The report of a scan that also reads the image's source (for the signatures inspector), scanned on
   * first use.
   *
   * @param source the source the image was read from
   * @param image the image
   * @param policy the policy
   * @return the report
   * @throws UncheckedIOException when the image cannot be read
   */
  public static Report report(ImageSource source, Image image, Policy policy) {
    Objects.requireNonNull(source, "source");
    Entry e = entry(Objects.requireNonNull(image, "image"));
    synchronized (e) {
      Report r = e.reports.get(policy);
      if (r == null) {
        try {
          r = Scanner.with(policy).scan(source, image);
        } catch (IOException x) {
          throw new UncheckedIOException("cannot scan " + image.source() + ": " + x.getMessage(), x);
        }
        e.reports.put(policy, r);
      }
      return r;
    }
  }

  /**
   * The report of the built-in inspectors with their own severities (the default policy): what the
   * assertions about shells, users, permissions and secrets read.
   *
   * @param image the image
   * @return the report
   */
  public static Report report(Image image) {
    return report(image, Policy.defaults());
  }
}
