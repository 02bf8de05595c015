package io.imagecheck.sources.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecheck.internal.blob.BoundedReads;
import io.imagecheck.internal.json.Json;
import io.imagecheck.source.ImageSourceException;
import io.imagecheck.source.LimitExceededException;
import io.imagecheck.source.RegistryException;
import io.imagecheck.source.RegistryUnauthorizedException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A registry response whose body has not been read yet. Close it (or read it to the end) to free
 * the connection. Not thread-safe.
 */
final class RegistryResponse implements Closeable {

  private final int status;
  private final HttpHeaders headers;
  private final URI uri;
  private final InputStream body;

  RegistryResponse(int status, HttpHeaders headers, URI uri, InputStream body) {
    this.status = status;
    this.headers = headers;
    this.uri = uri;
    this.body = body;
  }

  int status() {
    return status;
  }

  HttpHeaders headers() {
    return headers;
  }

  /** The URI that answered (after redirects). */
  URI uri() {
    return uri;
  }

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body stream; the caller closes it (or this response). */
  InputStream body() {
    return body;
  }

  /**
   * Reads the whole body, bounded.
   *
   * @param endpoint the endpoint, for messages
   * @param request the request, for messages
   * @param max the largest accepted body
   * @param source the source, for messages
   * @param what the document, for messages
   * @param limit the {@code ReadLimits} name of {@code max}
   * @return the body
   * @throws LimitExceededException when it is too long
   * @throws RegistryException when it breaks off, stalls or drips
   * @throws IOException when it cannot be read otherwise
   */
  byte[] readBody(Endpoint endpoint, RegistryRequest request, long max, String source, String what, String limit)
      throws IOException {
    long declared = headers.firstValueAsLong("content-length").orElse(-1);
    if (declared > max) {
      close();
      throw new LimitExceededException(source, what + " (" + declared + " bytes)", limit, max);
    }
    try (InputStream in = body) {
      return BoundedReads.readAll(in, max, source, what, limit);
    } catch (ImageSourceException | InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      // A body shorter than its Content-Length, a reset connection, a stall or a drip: typed, with the cause.
      throw new RegistryException(endpoint.registry(), request.repository(), request.operation(), status, List.of(),
          "the response body broke off: " + reason(e, request.operation()), e);
    }
  }

  /**
   * Turns an unsuccessful response into an exception: reads a bounded part of the error body for the
   * registry's error codes and message, and closes the response.
   *
   * @param endpoint the endpoint
   * @param request the request
   * @return the exception to throw ({@link RegistryUnauthorizedException} for 401 and 403)
   */
  RegistryException error(Endpoint endpoint, RegistryRequest request) {
    List<String> codes = new ArrayList<>();
    String message = "";
    try (InputStream in = body) {
      byte[] bytes = in.readNBytes(request.limits().httpErrorBytes());
      String type = headers.firstValue("content-type").orElse("");
      if (bytes.length > 0 && (type.contains("json") || bytes[0] == '{')) {
        JsonNode node = Json.readTree(bytes, 16, "", "error body");
        for (JsonNode e : node.path("errors")) {
          String code = e.path("code").asText("");
          if (code.matches("[A-Za-z0-9_]{1,64}") && codes.size() < 16) {
            codes.add(code);
          }
          if (message.isEmpty()) {
            message = printable(e.path("message").asText(""));
          }
        }
      } else if (bytes.length > 0 && type.startsWith("text/")) {
        message = printable(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      // A malformed or truncated error body: the status alone must do.
    }
    String detail = message.isEmpty() ? describe(status) : message;
    if (status == 401 || status == 403) {
      return new RegistryUnauthorizedException(endpoint.registry(), request.repository(), request.operation(),
          status, codes, detail, null);
    }
    return new RegistryException(endpoint.registry(), request.repository(), request.operation(), status, codes,
        detail, null);
  }

  private static String describe(int status) {
    return switch (status) {
      case 401 -> "authentication required";
      case 403 -> "access denied";
      case 404 -> "not found";
      case 429 -> "too many requests";
      default -> status >= 500 ? "registry error" : "unexpected response";
    };
  }

  /**
   * Describes a failure to read a body: printable, without the operation that the message names already.
   *
   * @param e the failure
   * @param operation the operation, e.g. {@code pull blob sha256:...}
   * @return e.g. {@code no data received for 60000 ms}
   */
  static String reason(IOException e, String operation) {
    String m = String.valueOf(e.getMessage());
    return printable(m.startsWith(operation + ": ") ? m.substring(operation.length() + 2) : m);
  }

  /** Keeps an error message to one short printable line: it comes from the network. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return b.toString().trim();
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // closing a response body cannot fail in a way the caller could act on
    }
  }
}
