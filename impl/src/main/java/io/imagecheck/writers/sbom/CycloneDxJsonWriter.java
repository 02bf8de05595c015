package io.imagecheck.writers.sbom;

import io.imagecheck.fs.Origin;
import io.imagecheck.image.Digest;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.writers.support.PackageInventories;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Writes the package inventory of a report as a CycloneDX JSON SBOM (spec {@value #SPEC_VERSION}), built
 * with the CycloneDX project's own library ({@code org.cyclonedx:cyclonedx-core-java}): its model and its
 * version-aware JSON serialization.
 *
 * <ul>
 *   <li>{@code metadata.component} is the image: type {@code container}, named by its source reference,
 *       version and SHA-256 hash from its manifest digest, bom-ref {@value #IMAGE_REF}.
 *       {@code metadata.tools} names imagecheck and its version; {@code metadata.timestamp} is the
 *       writer's clock (reports carry no time); {@code serialNumber} a {@code urn:uuid:} derived from the
 *       image digest and that time.
 *   <li>One {@code library} component per installed package of the {@code packages} inspector
 *       ({@link PackageInventories#packages(Report)}): name, version, purl (also the bom-ref, made
 *       unique when two databases list the same package), the declared license as a license name, and
 *       properties: {@code imagecheck:package:ecosystem}, {@code imagecheck:package:sourcePath},
 *       {@code imagecheck:package:arch}, and the layer origin of its database:
 *       {@code imagecheck:layer:index} (0-based), {@code imagecheck:layer:digest},
 *       {@code imagecheck:layer:diffId}, {@code imagecheck:history:step} (from 1, as
 *       {@code docker history} counts) and {@code imagecheck:history:createdBy}.
 *   <li>{@code dependencies}: the image depends on every component.
 * </ul>
 *
 * <p>The BOM model is built in memory (the library's model), then serialized to the stream without a
 * document string. Thread-safe (stateless).
 */
public final class CycloneDxJsonWriter implements ReportWriter {

  /** The CycloneDX specification version written. */
  public static final String SPEC_VERSION = "1.6";
  /** The bom-ref of the image component. */
  public static final String IMAGE_REF = "image";

  private final Clock clock;

  /**
   * A writer stamping BOMs with a clock's time.
   *
   * @param clock the clock, e.g. {@link Clock#systemUTC()}
   */
  public CycloneDxJsonWriter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String format() {
    return "cyclonedx";
  }

  @Override
  public String fileExtension() {
    return ".cdx.json";
  }

  @Override
  public void write(Report report, OutputStream out) throws IOException {
    new StreamingBomJsonGenerator(bom(report), Version.VERSION_16).writeTo(out);
  }

  /**
   * Builds the BOM of a report (what {@link #write} serializes).
   *
   * @param report the report
   * @return the BOM
   */
  Bom bom(Report report) {
    ImageIdentity image = report.image();
    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + SbomIds.serial(image.digest(), created));
    bom.setVersion(1);

    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(created));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("imagecheck");
    tool.setVersion(report.toolVersion());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    Component imageComponent = new Component();
    imageComponent.setType(Component.Type.CONTAINER);
    imageComponent.setBomRef(IMAGE_REF);
    imageComponent.setName(image.source());
    imageComponent.setVersion(image.digest().toString());
    hash(image.digest()).ifPresent(h -> imageComponent.setHashes(List.of(h)));
    List<Property> imageProps = new ArrayList<>();
    imageProps.add(new Property("imagecheck:image:configDigest", image.configDigest().toString()));
    image.platform().ifPresent(p -> imageProps.add(new Property("imagecheck:image:platform", p.toString())));
    image.indexDigest().ifPresent(d -> imageProps.add(new Property("imagecheck:image:indexDigest", d.toString())));
    imageProps.add(new Property("imagecheck:image:layers", Integer.toString(image.layers().size())));
    imageComponent.setProperties(imageProps);
    metadata.setComponent(imageComponent);
    bom.setMetadata(metadata);

    List<Component> components = new ArrayList<>();
    List<Dependency> dependsOn = new ArrayList<>();
    Set<String> refs = new HashSet<>();
    refs.add(IMAGE_REF);
    for (InstalledPackage p : PackageInventories.packages(report)) {
      Component c = component(p, uniqueRef(p.purl(), refs));
      components.add(c);
      dependsOn.add(new Dependency(c.getBomRef()));
    }
    // Set the list at once: Dependency.addDependency scans the list on each call (quadratic in packages).
    Dependency imageDeps = new Dependency(IMAGE_REF);
    imageDeps.setDependencies(dependsOn);
    bom.setComponents(components);
    bom.setDependencies(List.of(imageDeps));
    return bom;
  }

  private static Component component(InstalledPackage p, String ref) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setBomRef(ref);
    c.setName(p.name());
    c.setVersion(p.version());
    c.setPurl(p.purl());
    p.license().filter(l -> !l.isBlank()).ifPresent(l -> {
      License license = new License();
      license.setName(l);
      LicenseChoice choice = new LicenseChoice();
      choice.addLicense(license);
      c.setLicenses(choice);
    });
    List<Property> props = new ArrayList<>();
    props.add(new Property("imagecheck:package:ecosystem", p.ecosystem()));
    props.add(new Property("imagecheck:package:sourcePath", p.sourcePath()));
    p.arch().ifPresent(a -> props.add(new Property("imagecheck:package:arch", a)));
    if (p.origin().isPresent()) {
      Origin o = p.origin().get();
      props.add(new Property("imagecheck:layer:index", Integer.toString(o.layerIndex())));
      props.add(new Property("imagecheck:layer:digest", o.layerDigest().toString()));
      props.add(new Property("imagecheck:layer:diffId", o.diffId().toString()));
      o.historyStep().ifPresent(s -> props.add(new Property("imagecheck:history:step", Integer.toString(s))));
      o.createdBy().ifPresent(s -> props.add(new Property("imagecheck:history:createdBy", s)));
    }
    for (Map.Entry<String, String> e : p.metadata().entrySet()) {
      props.add(new Property("imagecheck:package:metadata:" + e.getKey(), e.getValue()));
    }
    c.setProperties(props);
    return c;
  }

  private static String uniqueRef(String purl, Set<String> used) {
    String ref = purl;
    for (int n = 2; !used.add(ref); n++) {
      ref = purl + "#" + n;
    }
    return ref;
  }

  private static Optional<Hash> hash(Digest d) {
    return switch (d.algorithm()) {
      case "sha256" -> Optional.of(new Hash(Hash.Algorithm.SHA_256, d.hex()));
      case "sha512" -> Optional.of(new Hash(Hash.Algorithm.SHA_512, d.hex()));
      default -> Optional.empty();
    };
  }
}
