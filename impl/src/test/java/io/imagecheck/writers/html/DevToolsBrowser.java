package io.imagecheck.writers.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecheck.internal.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A headless Chromium driven over the Chrome DevTools protocol, with the JDK's WebSocket client: start
 * it with a throw-away profile and HOME, attach to one page, send commands, collect events.
 *
 * <p>Chromium is started with {@code --remote-debugging-port=0}; the port it picked is read from the
 * {@code DevToolsActivePort} file in the profile directory. Everything it writes stays under the
 * temporary directory given to {@link #start(Path, Path)}.
 */
final class DevToolsBrowser implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private String sessionId = "";

  private DevToolsBrowser(Process process, WebSocket socket) {
    this.process = process;
    this.socket = socket;
  }

  /**
   * Starts Chromium and attaches to a new blank page.
   *
   * @param executable the chromium binary
   * @param tmp a temporary directory for the profile, HOME and the log
   * @return the browser
   */
  static DevToolsBrowser start(Path executable, Path tmp) throws IOException, InterruptedException {
    Path profile = Files.createDirectories(tmp.resolve("profile"));
    Path home = Files.createDirectories(tmp.resolve("home"));
    ProcessBuilder pb = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
        "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1280,1000", "about:blank");
    pb.environment().put("HOME", home.toString());
    pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    pb.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    pb.environment().put("TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(tmp.resolve("chromium.log").toFile());
    Process p = pb.start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      List<String> lines = List.of();
      while (System.nanoTime() < deadline) {
        if (Files.exists(portFile)) {
          lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
          if (lines.size() >= 2) {
            break;
          }
        }
        if (!p.isAlive()) {
          throw new IOException("chromium exited with " + p.exitValue() + ": "
              + Files.readString(tmp.resolve("chromium.log"), StandardCharsets.UTF_8));
        }
        Thread.sleep(100);
      }
      if (lines.size() < 2) {
        throw new IOException("chromium wrote no DevToolsActivePort within " + TIMEOUT);
      }
      URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
      Listener listener = new Listener();
      WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
          .buildAsync(uri, listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      DevToolsBrowser b = new DevToolsBrowser(p, ws);
      listener.browser = b;
      String target = b.send("Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
      b.sessionId = b.send("Target.attachToTarget", Map.of("targetId", target, "flatten", true))
          .path("sessionId").asText();
      return b;
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      throw new IOException("cannot connect to chromium's DevTools endpoint", e);
    }
  }

  /**
   * Sends a command to the page (or, before attaching, to the browser) and waits for its result.
   *
   * @param method e.g. {@code Runtime.evaluate}
   * @param params its parameters
   * @return the result object
   */
  JsonNode send(String method, Map<String, Object> params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode msg = Json.mapper().createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", Json.mapper().valueToTree(params));
    if (!sessionId.isEmpty()) {
      msg.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      socket.sendText(Json.mapper().writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (r.has("error")) {
        throw new IOException(method + " failed: " + r.path("error"));
      }
      return r.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during " + method, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(method + ": no reply", e);
    } finally {
      pending.remove(id);
    }
  }

  /**
   * Evaluates an expression in the page.
   *
   * @param expression JavaScript
   * @return the value, by value
   */
  JsonNode eval(String expression) throws IOException {
    JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
    if (r.has("exceptionDetails")) {
      throw new IOException("evaluation of " + expression + " threw: " + r.path("exceptionDetails"));
    }
    return r.path("result").path("value");
  }

  /**
   * Waits for an event.
   *
   * @param method the event name, e.g. {@code Page.loadEventFired}
   * @param match a further condition on its params
   * @return the event
   */
  JsonNode await(String method, Predicate<JsonNode> match) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode e : events) {
        if (e.path("method").asText().equals(method) && match.test(e.path("params"))) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    throw new IOException("no " + method + " event within " + TIMEOUT);
  }

  /**
   * The events received so far.
   *
   * @return the events (method and params)
   */
  List<JsonNode> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() throws IOException {
    try {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // the process is ended below either way
      }
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping chromium", e);
    }
  }

  /** Joins text frames into messages and routes replies and events. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private volatile DevToolsBrowser browser;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode msg = Json.mapper(256).readTree(text);
          DevToolsBrowser b = browser;
          if (msg.has("id") && b != null) {
            CompletableFuture<JsonNode> f = b.pending.get(msg.path("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          } else if (msg.has("method") && b != null) {
            b.events.add(msg);
          }
        } catch (IOException e) {
          throw new IllegalStateException("malformed DevTools message", e);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
