package io.imagecheck.inspectors;

import io.imagecheck.inspect.Inspector;
import io.imagecheck.inspectors.hygiene.HygieneInspector;
import io.imagecheck.inspectors.packagemanager.PackageManagerInspector;
import io.imagecheck.inspectors.inventory.PackagesInspector;
import io.imagecheck.inspectors.permissions.PermissionsInspector;
import io.imagecheck.inspectors.provenance.ProvenanceInspector;
import io.imagecheck.inspectors.secrets.SecretsInspector;
import io.imagecheck.inspectors.shell.ShellInspector;
import io.imagecheck.inspectors.signatures.SignaturesInspector;
import io.imagecheck.inspectors.tools.ToolsInspector;
import io.imagecheck.inspectors.users.UserInspector;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The inspectors imagecheck ships, in the order reports list them, and the opt-in discovery of
 * third-party inspectors.
 *
 * <p>Thread-safe (stateless; inspectors are stateless).
 */
public final class Inspectors {

  private Inspectors() {}

  /**
   * The built-in inspectors.
   *
   * @return a new list of the built-in inspectors
   */
  public static List<Inspector> builtIn() {
    List<Inspector> all = new ArrayList<>();
    all.add(new ShellInspector());
    all.add(new PackageManagerInspector());
    all.add(new ToolsInspector());
    all.add(new UserInspector());
    all.add(new PermissionsInspector());
    all.add(new PackagesInspector());
    all.add(new SecretsInspector());
    all.add(new HygieneInspector());
    all.add(new SignaturesInspector());
    all.add(new ProvenanceInspector());
    return all;
  }

  /**
   * The built-in inspectors plus those a {@link ServiceLoader} finds for {@link Inspector} on the given
   * class loader (third-party inspectors a caller opts into). A third-party inspector whose id collides
   * with a built-in one is rejected.
   *
   * @param loader the class loader to search
   * @return the inspectors
   * @throws IllegalStateException when two inspectors share an id
   */
  public static List<Inspector> withServiceLoader(ClassLoader loader) {
    List<Inspector> all = builtIn();
    for (Inspector i : ServiceLoader.load(Inspector.class, loader)) {
      for (Inspector existing : all) {
        if (existing.id().equals(i.id())) {
          throw new IllegalStateException("two inspectors have the id " + i.id() + ": "
              + existing.getClass().getName() + " and " + i.getClass().getName());
        }
      }
      all.add(i);
    }
    return all;
  }
}
