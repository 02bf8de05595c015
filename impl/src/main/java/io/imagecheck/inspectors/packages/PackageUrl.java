package io.imagecheck.inspectors.packages;

import java.io.ByteArrayOutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Package URL ("purl"): {@code pkg:type/namespace/name@version?qualifiers#subpath}, as defined by
 * the <a href="https://github.com/package-url/purl-spec">purl specification</a>.
 *
 * <p>The compact constructor brings the components to their canonical form, so that two purls for
 * the same package are {@link #equals(Object) equal} and print the same:
 *
 * <ul>
 *   <li>the type, and every qualifier key, are lower-cased;
 *   <li>leading and trailing slashes of the namespace and subpath are dropped, and so are empty,
 *       {@code .} and {@code ..} subpath segments;
 *   <li>qualifiers with an empty value are dropped, the others are sorted by key;
 *   <li>type rules: {@code deb}, {@code apk}, {@code npm}, {@code github}, {@code bitbucket} and
 *       {@code composer} lower-case the namespace and name; {@code rpm} lower-cases the namespace
 *       only (RPM names are case-sensitive); {@code pypi} lower-cases the name and replaces every
 *       run of {@code -}, {@code _} and {@code .} by one {@code -} (PEP 503); {@code maven} and the
 *       other types keep the case as given.
 * </ul>
 *
 * <p>{@link #toString()} percent-encodes each component as UTF-8, leaving unencoded only the
 * letters, digits, {@code . - _ ~}, and the colon {@code :} (which the specification says is never
 * encoded); {@code /} is also left as is inside qualifier values, as in the specification's test
 * suite ({@code vcs_url=git://host.com/path/to/repo.git%404345abcd34343}). So a Debian epoch stays
 * readable ({@code pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64}) and a scoped npm name gets its
 * {@code @} encoded ({@code pkg:npm/%40angular/animation@12.3.1}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param type the package type, e.g. {@code deb}, {@code maven}
 * @param namespace the namespace, e.g. a distribution vendor, a Maven group id or an npm scope
 *     (several segments are separated by {@code /})
 * @param name the package name
 * @param version the version, opaque
 * @param qualifiers extra data by key, e.g. {@code arch}, {@code distro}, {@code epoch}
 * @param subpath a path inside the package, segments separated by {@code /}
 */
public record PackageUrl(
    String type,
    Optional<String> namespace,
    String name,
    Optional<String> version,
    Map<String, String> qualifiers,
    Optional<String> subpath) {

  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9.\\-]*");
  private static final Pattern QUALIFIER_KEY = Pattern.compile("[a-z][a-z0-9._\\-]*");
  private static final Pattern PYPI_SEPARATORS = Pattern.compile("[-_.]+");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * Checks the components and brings them to their canonical form (see the class comment).
   *
   * @param type the package type
   * @param namespace the namespace
   * @param name the package name
   * @param version the version
   * @param qualifiers extra data by key
   * @param subpath a path inside the package
   * @throws IllegalArgumentException when the type or a qualifier key has characters the
   *     specification does not allow, when the name is empty, or when a namespace segment is empty
   */
  public PackageUrl {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(qualifiers, "qualifiers");
    Objects.requireNonNull(subpath, "subpath");
    type = lower(type);
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "purl type must be an ASCII letter followed by letters, digits, '.' or '-': " + type);
    }
    namespace = namespace.map(PackageUrl::trimSlashes).filter(s -> !s.isEmpty());
    if (namespace.isPresent()) {
      for (String segment : namespace.get().split("/", -1)) {
        if (segment.isEmpty()) {
          throw new IllegalArgumentException("empty purl namespace segment in " + namespace.get());
        }
      }
    }
    name = trimSlashes(name);
    version = version.filter(s -> !s.isEmpty());
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> q : qualifiers.entrySet()) {
      String key = lower(Objects.requireNonNull(q.getKey(), "qualifier key"));
      String value = Objects.requireNonNull(q.getValue(), "qualifier value");
      if (!QUALIFIER_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "purl qualifier key must be an ASCII letter followed by letters, digits, '.', '-' or"
                + " '_': "
                + key);
      }
      if (!value.isEmpty() && sorted.put(key, value) != null) {
        throw new IllegalArgumentException("duplicate purl qualifier key " + key);
      }
    }
    qualifiers = Collections.unmodifiableMap(sorted);
    subpath = subpath.map(PackageUrl::canonicalSubpath).filter(s -> !s.isEmpty());
    switch (type) {
      case "deb", "apk", "npm", "github", "bitbucket", "composer" -> {
        namespace = namespace.map(PackageUrl::lower);
        name = lower(name);
      }
      case "rpm" -> namespace = namespace.map(PackageUrl::lower);
      case "pypi" -> name = PYPI_SEPARATORS.matcher(lower(name)).replaceAll("-");
      default -> {
        // Other types keep the case and spelling they were given.
      }
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("purl name is empty");
    }
  }

  /**
   * A builder for a purl of the given type.
   *
   * @param type the package type, e.g. {@code deb}
   * @return a new builder
   */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /**
   * A Debian-family package ({@code deb} type). The version is kept as dpkg writes it, epoch
   * included ({@code 1:2.4.47-2}), as in the specification's deb examples.
   *
   * @param vendor the distribution id, e.g. {@code debian} or {@code ubuntu} ({@code ID} of
   *     {@code /etc/os-release})
   * @param name the binary package name
   * @param version the full version, epoch included
   * @param arch the {@code arch} qualifier (e.g. {@code amd64}, {@code all}), or null
   * @param distro the {@code distro} qualifier (e.g. {@code bookworm} or {@code debian-12}), or
   *     null
   * @return the purl, e.g. {@code pkg:deb/debian/libattr1@1:2.5.1-4?arch=arm64}
   */
  public static PackageUrl deb(
      String vendor, String name, String version, @Nullable String arch, @Nullable String distro) {
    return builder("deb")
        .namespace(vendor)
        .name(name)
        .version(version)
        .qualifier("arch", arch)
        .qualifier("distro", distro)
        .build();
  }

  /**
   * An Alpine-family package ({@code apk} type).
   *
   * @param vendor the vendor, e.g. {@code alpine} (or {@code wolfi}, {@code openwrt})
   * @param name the package name
   * @param version the version, e.g. {@code 1.36.1-r15}
   * @param arch the {@code arch} qualifier, or null
   * @return the purl, e.g. {@code pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64}
   */
  public static PackageUrl apk(
      String vendor, String name, String version, @Nullable String arch) {
    return builder("apk")
        .namespace(vendor)
        .name(name)
        .version(version)
        .qualifier("arch", arch)
        .build();
  }

  /**
   * An RPM package ({@code rpm} type). The epoch goes in a qualifier, not in the version, as the
   * specification's rpm definition says.
   *
   * @param vendor the vendor, e.g. {@code fedora}, {@code redhat}, {@code opensuse}
   * @param name the package name (case-sensitive)
   * @param versionRelease the version and release, e.g. {@code 7.50.3-1.fc25}
   * @param epoch the epoch, or null when the package has none
   * @param arch the {@code arch} qualifier, or null
   * @param distro the {@code distro} qualifier, e.g. {@code fedora-25}, or null
   * @return the purl, e.g. {@code pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25}
   */
  public static PackageUrl rpm(
      String vendor,
      String name,
      String versionRelease,
      @Nullable Integer epoch,
      @Nullable String arch,
      @Nullable String distro) {
    return builder("rpm")
        .namespace(vendor)
        .name(name)
        .version(versionRelease)
        .qualifier("arch", arch)
        .qualifier("epoch", epoch == null ? null : epoch.toString())
        .qualifier("distro", distro)
        .build();
  }

  /**
   * A Python package ({@code pypi} type); the name is normalised as PEP 503 says.
   *
   * @param name the project name as written in the metadata, e.g. {@code Django_Package}
   * @param version the version
   * @return the purl, e.g. {@code pkg:pypi/django-package@1.11.1}
   */
  public static PackageUrl pypi(String name, String version) {
    return builder("pypi").name(name).version(version).build();
  }

  /**
   * An npm package ({@code npm} type). A scoped name ({@code @scope/name}) puts the scope, with its
   * {@code @}, in the namespace.
   *
   * @param name the package name, e.g. {@code ms} or {@code @angular/animation}
   * @param version the version
   * @return the purl, e.g. {@code pkg:npm/%40angular/animation@12.3.1}
   */
  public static PackageUrl npm(String name, String version) {
    Objects.requireNonNull(name, "name");
    Builder b = builder("npm").version(version);
    int slash = name.indexOf('/');
    if (name.startsWith("@") && slash > 0) {
      b.namespace(name.substring(0, slash)).name(name.substring(slash + 1));
    } else {
      b.name(name);
    }
    return b.build();
  }

  /**
   * A Maven artifact ({@code maven} type).
   *
   * @param groupId the group id (the namespace)
   * @param artifactId the artifact id (the name)
   * @param version the version
   * @return the purl, e.g. {@code pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1}
   */
  public static PackageUrl maven(String groupId, String artifactId, String version) {
    return builder("maven").namespace(groupId).name(artifactId).version(version).build();
  }

  /**
   * Parses a purl string, leniently about case and redundant slashes (it accepts
   * {@code pkg://Maven/...}), and returns it in canonical form.
   *
   * <p>An {@code @} counts as the version separator only after the last {@code /}, so an npm scope
   * written unencoded ({@code pkg:npm/@babel/core}) still reads as a namespace.
   *
   * @param purl the string, e.g. {@code pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie}
   * @return the purl
   * @throws URISyntaxException when the string is not a purl: no {@code pkg:} scheme, no type, no
   *     name, a bad type or qualifier key, a malformed percent-encoding or a qualifier without
   *     {@code =}
   */
  public static PackageUrl parse(String purl) throws URISyntaxException {
    Objects.requireNonNull(purl, "purl");
    String rest = purl;
    String subpath = null;
    int hash = rest.lastIndexOf('#');
    if (hash >= 0) {
      List<String> segments = new ArrayList<>();
      for (String s : rest.substring(hash + 1).split("/", -1)) {
        segments.add(decode(purl, s));
      }
      subpath = String.join("/", segments);
      rest = rest.substring(0, hash);
    }
    Map<String, String> qualifiers = new TreeMap<>();
    int question = rest.lastIndexOf('?');
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        if (eq < 0) {
          throw new URISyntaxException(purl, "qualifier without '=': " + pair);
        }
        String key = lower(pair.substring(0, eq));
        if (!QUALIFIER_KEY.matcher(key).matches()) {
          throw new URISyntaxException(purl, "invalid qualifier key: " + key);
        }
        if (qualifiers.put(key, decode(purl, pair.substring(eq + 1))) != null) {
          throw new URISyntaxException(purl, "duplicate qualifier key: " + key);
        }
      }
      rest = rest.substring(0, question);
    }
    int colon = rest.indexOf(':');
    if (colon < 0 || !lower(rest.substring(0, colon)).equals("pkg")) {
      throw new URISyntaxException(purl, "scheme must be 'pkg:'");
    }
    rest = stripLeadingSlashes(rest.substring(colon + 1));
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new URISyntaxException(purl, "no '/' between type and name");
    }
    String type = lower(rest.substring(0, slash));
    if (!TYPE.matcher(type).matches()) {
      throw new URISyntaxException(purl, "invalid type: " + type);
    }
    rest = trimSlashes(rest.substring(slash + 1));
    String version = null;
    int lastSlash = rest.lastIndexOf('/');
    int at = rest.lastIndexOf('@');
    if (at > lastSlash) {
      version = decode(purl, rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    lastSlash = rest.lastIndexOf('/');
    String name = decode(purl, rest.substring(lastSlash + 1));
    if (name.isEmpty()) {
      throw new URISyntaxException(purl, "no name");
    }
    String namespace = null;
    if (lastSlash > 0) {
      List<String> segments = new ArrayList<>();
      for (String s : rest.substring(0, lastSlash).split("/")) {
        if (!s.isEmpty()) {
          segments.add(decode(purl, s));
        }
      }
      namespace = String.join("/", segments);
    }
    Builder b = builder(type).namespace(namespace).name(name).version(version).subpath(subpath);
    qualifiers.forEach(b::qualifier);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new URISyntaxException(purl, e.getMessage());
    }
  }

  /**
   * The canonical purl string.
   *
   * @return e.g. {@code pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64}
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("pkg:").append(type).append('/');
    if (namespace.isPresent()) {
      for (String segment : namespace.get().split("/", -1)) {
        encode(sb, segment, false).append('/');
      }
    }
    encode(sb, name, false);
    version.ifPresent(v -> encode(sb.append('@'), v, false));
    char sep = '?';
    for (Map.Entry<String, String> q : qualifiers.entrySet()) {
      encode(sb.append(sep).append(q.getKey()).append('='), q.getValue(), true);
      sep = '&';
    }
    if (subpath.isPresent()) {
      sep = '#';
      for (String segment : subpath.get().split("/", -1)) {
        encode(sb.append(sep), segment, false);
        sep = '/';
      }
    }
    return sb.toString();
  }

  private static StringBuilder encode(StringBuilder sb, String s, boolean keepSlash) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '-'
          || c == '_'
          || c == '~'
          || c == ':'
          || (keepSlash && c == '/')) {
        sb.append(c);
      } else {
        sb.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return sb;
  }

  private static String decode(String purl, String s) throws URISyntaxException {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new URISyntaxException(purl, "truncated percent-encoding in " + s);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new URISyntaxException(purl, "malformed percent-encoding in " + s);
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(utf8, 0, utf8.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new URISyntaxException(purl, "percent-encoding is not UTF-8 in " + s);
    }
  }

  private static String canonicalSubpath(String subpath) {
    List<String> kept = new ArrayList<>();
    for (String segment : subpath.split("/")) {
      if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
        kept.add(segment);
      }
    }
    return String.join("/", kept);
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  private static String stripLeadingSlashes(String s) {
    int start = 0;
    while (start < s.length() && s.charAt(start) == '/') {
      start++;
    }
    return s.substring(start);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * Builds a {@link PackageUrl}. Not thread-safe.
   */
  public static final class Builder {
    private final String type;
    private @Nullable String namespace;
    private @Nullable String name;
    private @Nullable String version;
    private final Map<String, String> qualifiers = new TreeMap<>();
    private @Nullable String subpath;

    private Builder(String type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Sets the namespace.
     *
     * @param namespace the namespace, segments separated by {@code /}; null or empty for none
     * @return this builder
     */
    public Builder namespace(@Nullable String namespace) {
      this.namespace = namespace;
      return this;
    }

    /**
     * Sets the name (required).
     *
     * @param name the package name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the version.
     *
     * @param version the version; null or empty for none
     * @return this builder
     */
    public Builder version(@Nullable String version) {
      this.version = version;
      return this;
    }

    /**
     * Sets a qualifier, or removes it when the value is null or empty.
     *
     * @param key the key, e.g. {@code arch}
     * @param value the value; null or empty to leave the qualifier out
     * @return this builder
     */
    public Builder qualifier(String key, @Nullable String value) {
      Objects.requireNonNull(key, "key");
      if (value == null || value.isEmpty()) {
        qualifiers.remove(key);
      } else {
        qualifiers.put(key, value);
      }
      return this;
    }

    /**
     * Sets the subpath.
     *
     * @param subpath a path inside the package; null or empty for none
     * @return this builder
     */
    public Builder subpath(@Nullable String subpath) {
      this.subpath = subpath;
      return this;
    }

    /**
     * Builds the purl.
     *
     * @return the purl, in canonical form
     * @throws IllegalStateException when no name was set
     * @throws IllegalArgumentException when a component breaks the specification's rules
     */
    public PackageUrl build() {
      if (name == null) {
        throw new IllegalStateException("purl name not set");
      }
      return new PackageUrl(
          type,
          Optional.ofNullable(namespace),
          name,
          Optional.ofNullable(version),
          qualifiers,
          Optional.ofNullable(subpath));
    }
  }
}
