package io.imagecheck.writers.support;

import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.report.Report;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The package inventory of a report, as the SBOM writers and the summaries read it: the
 * {@value #INSPECTOR} inspector's {@value #PACKAGES_FACT} fact (a list of {@link InstalledPackage}) and,
 * when that list is absent, its {@value #COUNTS_FACT} fact (package counts by ecosystem).
 *
 * <p>Thread-safe (stateless).
 */
public final class PackageInventories {

  /** The id of the inspector that reads package databases. */
  public static final String INSPECTOR = "packages";
  /** The fact holding the list of {@link InstalledPackage}. */
  public static final String PACKAGES_FACT = "packages";
  /** The fact holding counts by ecosystem, a map of ecosystem to number. */
  public static final String COUNTS_FACT = "counts";

  private PackageInventories() {}

  /**
   * The installed packages a report lists.
   *
   * @param report the report
   * @return the packages, in the inspector's order; empty when the inspector did not run or found none
   */
  public static List<InstalledPackage> packages(Report report) {
    Object fact = report.fact(INSPECTOR, PACKAGES_FACT).orElse(null);
    if (!(fact instanceof List<?> list)) {
      return List.of();
    }
    List<InstalledPackage> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (o instanceof InstalledPackage p) {
        out.add(p);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Package counts by ecosystem: counted from {@link #packages(Report)} when it has any, else taken from
   * the {@value #COUNTS_FACT} fact (entries whose value is not a number are left out).
   *
   * @param report the report
   * @return ecosystem (purl type, e.g. {@code apk}) to count, sorted by ecosystem
   */
  public static Map<String, Integer> countsByEcosystem(Report report) {
    Map<String, Integer> out = new TreeMap<>();
    List<InstalledPackage> packages = packages(report);
    if (!packages.isEmpty()) {
      for (InstalledPackage p : packages) {
        out.merge(p.ecosystem(), 1, Integer::sum);
      }
      return Collections.unmodifiableMap(out);
    }
    Object counts = report.fact(INSPECTOR, COUNTS_FACT).orElse(null);
    if (counts instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (k instanceof String eco && v instanceof Number n && n.longValue() >= 0
            && n.longValue() <= Integer.MAX_VALUE) {
          out.put(eco, n.intValue());
        }
      });
    }
    return Collections.unmodifiableMap(out);
  }
}
