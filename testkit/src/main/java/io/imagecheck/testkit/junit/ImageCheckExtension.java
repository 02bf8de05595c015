package io.imagecheck.testkit.junit;

import io.imagecheck.fs.FileSystemView;
import io.imagecheck.image.Image;
import io.imagecheck.image.Platform;
import io.imagecheck.policies.Policies;
import io.imagecheck.policy.Policy;
import io.imagecheck.report.Report;
import io.imagecheck.source.DockerReference;
import io.imagecheck.source.ImageReference;
import io.imagecheck.source.ImageSource;
import io.imagecheck.source.Transport;
import io.imagecheck.sources.ImageSources;
import io.imagecheck.sources.SourceOptions;
import io.imagecheck.testkit.Inspections;
import io.imagecheck.testkit.SoftImageAssertions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.opentest4j.TestAbortedException;

/**
 * Opens the image a test class names with {@link ImageUnderTest}, once per class, injects it and closes
 * it after the class.
 *
 * <ul>
 *   <li>Injects parameters (of test methods, lifecycle methods and constructors) and annotated fields of
 *       type {@link Image}, {@link FileSystemView}, {@link Report} (a scan under the annotation's policy)
 *       and {@link ImageSource}. The view and the report are those the assertions use
 *       ({@link Inspections}), so they are read once.
 *   <li>Injects a fresh {@link SoftImageAssertions} into a test method that asks for one, and asserts it
 *       after the test.
 *   <li>A class-level image is opened before the first test, so a missing image fails (or skips) the
 *       whole class with one message.
 * </ul>
 *
 * <p>Registered by {@link ImageUnderTest} and {@link ImageCheckTest}; no reflection beyond JUnit's own
 * field injection.
 */
public final class ImageCheckExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver,
    AfterEachCallback {

  private static final Namespace NAMESPACE = Namespace.create(ImageCheckExtension.class);
  private static final String SOFT = "soft";

  /** Creates the extension (JUnit does, through {@code @ExtendWith}). */
  public ImageCheckExtension() {
    // stateless: everything lives in JUnit's stores
  }

  // ---- lifecycle ------------------------------------------------------------------------------------

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    classAnnotation(testClass).ifPresent(a -> opened(context, a));
    for (Field f : annotatedFields(testClass)) {
      if (Modifier.isStatic(f.getModifiers())) {
        inject(context, f, null);
      }
    }
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    for (Field f : annotatedFields(testInstance.getClass())) {
      if (!Modifier.isStatic(f.getModifiers())) {
        inject(context, f, testInstance);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    SoftImageAssertions softly = context.getStore(NAMESPACE).remove(SOFT, SoftImageAssertions.class);
    if (softly != null) {
      softly.assertAll();
    }
  }

  // ---- parameters -----------------------------------------------------------------------------------

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    if (type == SoftImageAssertions.class) {
      return extensionContext.getTestMethod().isPresent();
    }
    return isInjectable(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Parameter p = parameterContext.getParameter();
    if (p.getType() == SoftImageAssertions.class) {
      return extensionContext.getStore(NAMESPACE).getOrComputeIfAbsent(SOFT, k -> new SoftImageAssertions(),
          SoftImageAssertions.class);
    }
    ImageUnderTest annotation = parameterContext.findAnnotation(ImageUnderTest.class)
        .or(() -> classAnnotation(extensionContext.getRequiredTestClass()))
        .or(() -> singleFieldAnnotation(extensionContext.getRequiredTestClass()))
        .orElseThrow(() -> new ParameterResolutionException("@ImageUnderTest: parameter " + p.getName() + " of "
            + parameterContext.getDeclaringExecutable() + " needs an image: annotate the parameter, the test class"
            + " or one field with @ImageUnderTest(\"oci-archive:target/app.tar\")"));
    return value(opened(extensionContext, annotation), p.getType(), annotation);
  }

  // ---- opening --------------------------------------------------------------------------------------

  /** An image opened for a class; closed by JUnit when the class's store closes. */
  private static final class Opened implements AutoCloseable {
    private final @Nullable ImageSource source;
    private final @Nullable Image image;
    private final @Nullable RuntimeException failure;

    Opened(@Nullable ImageSource source, @Nullable Image image, @Nullable RuntimeException failure) {
      this.source = source;
      this.image = image;
      this.failure = failure;
    }

    @Override
    public void close() throws IOException {
      if (source != null) {
        source.close();
      }
    }
  }

  /** The image of an annotation, opened once in the outermost class context; rethrows a remembered failure. */
  private static Opened opened(ExtensionContext context, ImageUnderTest annotation) {
    Resolved r = resolve(annotation);
    ExtensionContext classContext = outermostClassContext(context);
    Opened o = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(r.key(), k -> open(r), Opened.class);
    if (o.failure != null) {
      throw o.failure;
    }
    return o;
  }

  /** Where the reference came from, for messages. */
  private record Resolved(String reference, String from, String platform, ImageUnderTest annotation) {
    String key() {
      return "image:" + reference + "|" + platform;
    }
  }

  private static Resolved resolve(ImageUnderTest a) {
    if (!a.property().isEmpty()) {
      String v = System.getProperty(a.property());
      if (v != null && !v.isBlank()) {
        return new Resolved(v.strip(), "system property " + a.property(), a.platform(), a);
      }
    }
    if (!a.env().isEmpty()) {
      String v = System.getenv(a.env());
      if (v != null && !v.isBlank()) {
        return new Resolved(v.strip(), "environment variable " + a.env(), a.platform(), a);
      }
    }
    return new Resolved(a.value(), "@ImageUnderTest", a.platform(), a);
  }

  private static Opened open(Resolved r) {
    String named = "image " + r.reference() + " (from " + r.from() + ")";
    Optional<String> missing = missing(r.reference());
    if (missing.isPresent()) {
      String how = "; build it first (e.g. mvn package)"
          + (r.annotation().property().isEmpty() ? "" : ", or point -D" + r.annotation().property())
          + (r.annotation().env().isEmpty() ? "" : (r.annotation().property().isEmpty() ? ", or point " : " or ")
              + r.annotation().env())
          + (r.annotation().property().isEmpty() && r.annotation().env().isEmpty() ? "" : " at an image");
      String message = "@ImageUnderTest: " + named + " does not exist: " + missing.get() + how;
      RuntimeException failure = skip(r.annotation()) ? new TestAbortedException(message + " (skipped: ifMissing"
          + " = SKIP)") : new ExtensionConfigurationException(message);
      return new Opened(null, null, failure);
    }
    ImageSource source = null;
    try {
      SourceOptions.Builder options = SourceOptions.builder();
      if (!r.platform().isEmpty()) {
        options.platform(Platform.parse(r.platform()));
      }
      source = ImageSources.open(r.reference(), options.build());
      Image image = source.image();
      Inspections.source(image, source);
      return new Opened(source, image, null);
    } catch (IOException | RuntimeException e) {
      if (source != null) {
        try {
          source.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      return new Opened(null, null, new ExtensionConfigurationException("@ImageUnderTest: cannot read " + named + ": "
          + e.getMessage(), e));
    }
  }

  private static boolean skip(ImageUnderTest a) {
    if (!a.property().isEmpty()) {
      String v = System.getProperty(a.property() + ".ifMissing");
      if (v != null && !v.isBlank()) {
        return v.strip().toLowerCase(Locale.ROOT).equals("skip");
      }
    }
    return a.ifMissing() == ImageUnderTest.Missing.SKIP;
  }

  /** Why a local reference's file is missing, if it is. */
  private static Optional<String> missing(String reference) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(reference);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (ref.transport() == Transport.DOCKER) {
      return Optional.empty();
    }
    if (ref.transport() == Transport.UNSPECIFIED) {
      int slash = ref.path().indexOf('/');
      if (slash > 0 && DockerReference.isRegistryHost(ref.path().substring(0, slash))) {
        return Optional.empty();
      }
    }
    Path path = Path.of(ref.path());
    return Files.exists(path) ? Optional.empty()
        : Optional.of(path.toAbsolutePath().normalize() + ": no such file or directory");
  }

  // ---- values ---------------------------------------------------------------------------------------

  private static boolean isInjectable(Class<?> type) {
    return type == Image.class || type == FileSystemView.class || type == Report.class || type == ImageSource.class;
  }

  private static Object value(Opened o, Class<?> type, ImageUnderTest annotation) {
    Image image = java.util.Objects.requireNonNull(o.image, "opened image");
    if (type == Image.class) {
      return image;
    }
    if (type == ImageSource.class) {
      return java.util.Objects.requireNonNull(o.source, "opened source");
    }
    if (type == FileSystemView.class) {
      return Inspections.view(image);
    }
    if (type == Report.class) {
      return Inspections.report(image, policy(annotation));
    }
    throw new ParameterResolutionException("@ImageUnderTest: cannot inject a " + type.getName() + "; expected Image,"
        + " FileSystemView, Report or ImageSource");
  }

  private static Policy policy(ImageUnderTest annotation) {
    try {
      return Policies.resolve(annotation.policy());
    } catch (IOException e) {
      throw new ExtensionConfigurationException("@ImageUnderTest: policy " + annotation.policy() + ": "
          + e.getMessage(), e);
    }
  }

  private static void inject(ExtensionContext context, Field f, @Nullable Object instance) {
    ImageUnderTest a = f.getAnnotation(ImageUnderTest.class);
    if (!isInjectable(f.getType())) {
      throw new ExtensionConfigurationException("@ImageUnderTest field " + f.getDeclaringClass().getSimpleName() + "."
          + f.getName() + " has type " + f.getType().getName() + "; expected Image, FileSystemView, Report or"
          + " ImageSource");
    }
    Object value = value(opened(context, a), f.getType(), a);
    try {
      f.setAccessible(true);
      f.set(instance, value);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new ExtensionConfigurationException("@ImageUnderTest: cannot set field " + f.getName() + ": " + e, e);
    }
  }

  // ---- lookup ---------------------------------------------------------------------------------------

  private static Optional<ImageUnderTest> classAnnotation(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      ImageUnderTest a = c.getAnnotation(ImageUnderTest.class);
      if (a != null) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  private static Optional<ImageUnderTest> singleFieldAnnotation(Class<?> testClass) {
    List<Field> fields = annotatedFields(testClass);
    if (fields.size() == 1) {
      return Optional.of(fields.get(0).getAnnotation(ImageUnderTest.class));
    }
    return Optional.empty();
  }

  private static List<Field> annotatedFields(Class<?> testClass) {
    List<Field> out = new ArrayList<>();
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.isAnnotationPresent(ImageUnderTest.class)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private static ExtensionContext outermostClassContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getParent().isPresent() && c.getParent().get().getTestClass().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }
}
