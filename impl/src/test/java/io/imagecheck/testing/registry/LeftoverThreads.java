package io.imagecheck.testing.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the threads a registry read leaves behind: imagecheck's own ({@code imagecheck-*}) and the JDK
 * HTTP client's ({@code HttpClient-*}). Java 17's {@code HttpClient} has no {@code close()}: its
 * selector thread ends a few seconds (its selector timeout is 3 s) after the client has been
 * garbage-collected, so the wait here runs the garbage collector.
 */
public final class LeftoverThreads {

  private LeftoverThreads() {}

  /** @return the ids of the live threads named {@code imagecheck-*} or {@code HttpClient-*} */
  public static Set<Long> snapshot() {
    return Thread.getAllStackTraces().keySet().stream().filter(LeftoverThreads::watched).map(Thread::getId)
        .collect(Collectors.toSet());
  }

  private static boolean watched(Thread t) {
    return t.isAlive() && (t.getName().startsWith("imagecheck-") || t.getName().startsWith("HttpClient-"));
  }

  /**
   * Waits up to 20 s, running the garbage collector, for the watched threads that were not alive
   * before to end.
   *
   * @param before a {@link #snapshot()} taken before the read
   * @return the names of those still alive
   * @throws InterruptedException when interrupted while waiting
   */
  public static List<String> after(Set<Long> before) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    List<String> alive;
    do {
      System.gc();
      alive = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (watched(t) && !before.contains(t.getId())) {
          alive.add(t.getName());
        }
      }
      if (alive.isEmpty()) {
        return alive;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return alive;
  }
}
