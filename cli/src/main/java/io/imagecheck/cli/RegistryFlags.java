package io.imagecheck.cli;

import io.imagecheck.sources.registry.BlobProgress;
import io.imagecheck.sources.registry.BlobProgressListener;
import io.imagecheck.sources.registry.RegistryOptions;
import io.imagecheck.sources.registry.auth.Credentials;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The registry flags of every image-reading subcommand, with skopeo's names: {@code --creds},
 * {@code --authfile}, {@code --cert-dir} and {@code --tls-verify}. They apply to the registry the
 * {@code docker://} source names (and to nothing else); without them credentials come from the Docker
 * and containers configuration files and TLS is verified.
 */
final class RegistryFlags {

  @Option(names = "--creds", paramLabel = "USER[:PASSWORD]", converter = CredentialsConverter.class,
      description = "Credentials for the registry of a docker:// source (default: from --authfile, "
          + "$REGISTRY_AUTH_FILE, containers auth.json or the Docker config).")
  @Nullable Credentials creds;

  @Option(names = "--authfile", paramLabel = "FILE",
      description = "Read registry credentials from this auth.json or Docker config.json only.")
  @Nullable Path authFile;

  @Option(names = "--cert-dir", paramLabel = "DIR",
      description = "CA certificates (*.crt) for the registry, in DIR or DIR/HOST:PORT/.")
  @Nullable Path certDir;

  @Option(names = "--tls-verify", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
      description = "Verify the registry's TLS certificate and require HTTPS (default: true). "
          + "--tls-verify=false also allows plain HTTP.")
  boolean tlsVerify = true;

  /**
   * The registry options these flags ask for.
   *
   * @param progress where blob download progress goes
   * @return the options
   */
  RegistryOptions options(Progress progress) {
    RegistryOptions.Builder b = RegistryOptions.builder().authFile(authFile).certDir(certDir);
    if (creds != null) {
      b.credentials(creds);
    }
    if (!tlsVerify) {
      b.insecureRegistry("*");
    }
    if (progress.enabled()) {
      b.progress(new ProgressListener(progress));
    }
    return b.build();
  }

  /** Draws blob downloads on the (single-threaded) progress display; blobs arrive from several threads. */
  private static final class ProgressListener implements BlobProgressListener {
    private final Progress progress;

    ProgressListener(Progress progress) {
      this.progress = progress;
    }

    @Override
    public void onProgress(BlobProgress p) {
      String total = p.size() >= 0 ? " / " + human(p.size()) : "";
      synchronized (progress) {
        progress.update((p.done() ? "pulled " : "pulling ") + p.digest().shortForm() + " " + human(p.bytesRead())
            + total);
      }
    }

    private static String human(long bytes) {
      if (bytes < 1024) {
        return bytes + " B";
      }
      double v = bytes;
      String[] units = {"KiB", "MiB", "GiB", "TiB"};
      int u = -1;
      while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
      }
      return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
  }

  /** {@code --creds}: {@link Credentials#parse(String)}; the message never repeats the value. */
  static final class CredentialsConverter implements ITypeConverter<Credentials> {
    @Override
    public Credentials convert(String value) {
      try {
        return Credentials.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected USER[:PASSWORD] with a non-empty user name");
      }
    }
  }
}
