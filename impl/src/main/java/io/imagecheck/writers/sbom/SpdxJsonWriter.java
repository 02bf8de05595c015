package io.imagecheck.writers.sbom;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.imagecheck.inspect.InstalledPackage;
import io.imagecheck.internal.json.Json;
import io.imagecheck.report.ImageIdentity;
import io.imagecheck.report.Report;
import io.imagecheck.report.ReportWriter;
import io.imagecheck.writers.support.PackageInventories;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes the package inventory of a report as an SPDX 2.3 JSON document (an SBOM).
 *
 * <ul>
 *   <li>One package for the image ({@code SPDXRef-Image}, purpose {@code CONTAINER}, named by its source
 *       reference, version and SHA-256 checksum from its manifest digest) that the document
 *       {@code DESCRIBES}, and that {@code CONTAINS} one package per installed package of the
 *       {@code packages} inspector ({@link PackageInventories#packages(Report)}).
 *   <li>Each installed package: name, {@code versionInfo}, a {@code PACKAGE-MANAGER}/{@code purl} external
 *       reference, {@code sourceInfo} naming the database it was read from, and a {@code comment} naming
 *       the layer and history step that wrote that database. {@code downloadLocation}, the concluded and
 *       declared licenses and the copyright are {@code NOASSERTION}: package databases record license
 *       names in their own spellings, which are not always SPDX license expressions, so the declared
 *       string is kept verbatim in {@code licenseComments} instead.
 *   <li>{@code creationInfo.created} is the writer's clock (reports carry no time);
 *       {@code documentNamespace} is a {@code urn:uuid:} derived from the image digest and that time.
 * </ul>
 *
 * <p>Streams with a Jackson generator. Thread-safe (stateless).
 */
public final class SpdxJsonWriter implements ReportWriter {

  /** The {@code SPDXID} of the image's package. */
  public static final String IMAGE_ID = "SPDXRef-Image";

  private final Clock clock;

  /**
   * A writer stamping documents with a clock's time.
   *
   * @param clock the clock, e.g. {@link Clock#systemUTC()}
   */
  public SpdxJsonWriter(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String format() {
    return "spdx";
  }

  @Override
  public String fileExtension() {
    return ".spdx.json";
  }

  @Override
  public void write(Report report, OutputStream out) throws IOException {
    ImageIdentity image = report.image();
    Instant created = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<InstalledPackage> packages = PackageInventories.packages(report);
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("spdxVersion", "SPDX-2.3");
      g.writeStringField("dataLicense", "CC0-1.0");
      g.writeStringField("SPDXID", "SPDXRef-DOCUMENT");
      g.writeStringField("name", image.source());
      g.writeStringField("documentNamespace", "urn:uuid:" + SbomIds.serial(image.digest(), created));
      g.writeObjectFieldStart("creationInfo");
      g.writeStringField("created", created.toString());
      g.writeArrayFieldStart("creators");
      g.writeString("Tool: imagecheck-" + report.toolVersion());
      g.writeEndArray();
      g.writeStringField("comment", "Package inventory read by imagecheck from the image's package databases"
          + " (policy " + report.policy().name() + ", verdict " + report.verdict() + ").");
      g.writeEndObject();

      g.writeArrayFieldStart("packages");
      writeImagePackage(g, image);
      for (int i = 0; i < packages.size(); i++) {
        writePackage(g, packages.get(i), packageId(i, packages.get(i)));
      }
      g.writeEndArray();

      g.writeArrayFieldStart("relationships");
      relationship(g, "SPDXRef-DOCUMENT", "DESCRIBES", IMAGE_ID);
      for (int i = 0; i < packages.size(); i++) {
        relationship(g, IMAGE_ID, "CONTAINS", packageId(i, packages.get(i)));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.flush();
  }

  private static void writeImagePackage(JsonGenerator g, ImageIdentity image) throws IOException {
    g.writeStartObject();
    g.writeStringField("SPDXID", IMAGE_ID);
    g.writeStringField("name", image.source());
    g.writeStringField("versionInfo", image.digest().toString());
    g.writeStringField("downloadLocation", "NOASSERTION");
    g.writeBooleanField("filesAnalyzed", false);
    if (image.digest().algorithm().equals("sha256") || image.digest().algorithm().equals("sha512")) {
      g.writeArrayFieldStart("checksums");
      g.writeStartObject();
      g.writeStringField("algorithm", image.digest().algorithm().toUpperCase(Locale.ROOT));
      g.writeStringField("checksumValue", image.digest().hex());
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeStringField("licenseConcluded", "NOASSERTION");
    g.writeStringField("licenseDeclared", "NOASSERTION");
    g.writeStringField("copyrightText", "NOASSERTION");
    g.writeStringField("primaryPackagePurpose", "CONTAINER");
    g.writeStringField("comment", "Container image; manifest " + image.digest() + ", config "
        + image.configDigest() + image.platform().map(p -> ", platform " + p).orElse("")
        + ", " + image.layers().size() + " layers.");
    g.writeEndObject();
  }

  private static void writePackage(JsonGenerator g, InstalledPackage p, String id) throws IOException {
    g.writeStartObject();
    g.writeStringField("SPDXID", id);
    g.writeStringField("name", p.name());
    g.writeStringField("versionInfo", p.version());
    g.writeStringField("downloadLocation", "NOASSERTION");
    g.writeBooleanField("filesAnalyzed", false);
    g.writeStringField("licenseConcluded", "NOASSERTION");
    g.writeStringField("licenseDeclared", "NOASSERTION");
    if (p.license().isPresent()) {
      g.writeStringField("licenseComments", "The package database declares: " + p.license().get());
    }
    g.writeStringField("copyrightText", "NOASSERTION");
    g.writeStringField("sourceInfo", "read from " + p.sourcePath() + " (" + p.ecosystem() + ")");
    g.writeArrayFieldStart("externalRefs");
    g.writeStartObject();
    g.writeStringField("referenceCategory", "PACKAGE-MANAGER");
    g.writeStringField("referenceType", "purl");
    g.writeStringField("referenceLocator", p.purl());
    g.writeEndObject();
    g.writeEndArray();
    StringBuilder comment = new StringBuilder("ecosystem ").append(p.ecosystem());
    p.arch().ifPresent(a -> comment.append(", arch ").append(a));
    p.origin().ifPresent(o -> comment.append("; its database was written by ").append(o.describe()));
    g.writeStringField("comment", comment.toString());
    g.writeEndObject();
  }

  private static void relationship(JsonGenerator g, String from, String type, String to) throws IOException {
    g.writeStartObject();
    g.writeStringField("spdxElementId", from);
    g.writeStringField("relationshipType", type);
    g.writeStringField("relatedSpdxElement", to);
    g.writeEndObject();
  }

  /**
   * The {@code SPDXID} of the package at an index: {@code SPDXRef-Package-N-ECOSYSTEM-NAME}, with
   * characters SPDX ids do not allow replaced by {@code -} and the name cut to 64 characters.
   *
   * @param index the 0-based index in the inventory (keeps ids unique)
   * @param p the package
   * @return the id
   */
  static String packageId(int index, InstalledPackage p) {
    String name = p.name().length() > 64 ? p.name().substring(0, 64) : p.name();
    return "SPDXRef-Package-" + (index + 1) + "-" + idSafe(p.ecosystem()) + "-" + idSafe(name);
  }

  private static String idSafe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
          || c == '-';
      b.append(ok ? c : '-');
    }
    return b.length() == 0 ? "x" : b.toString();
  }
}
