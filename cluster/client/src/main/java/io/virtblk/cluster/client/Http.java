package io.virtblk.cluster.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * JSON over HTTP to one cluster, with the JDK's own client (the shipped jar gains no client
 * library): credentials from the environment, retries with backoff, and failures turned into
 * messages that say what to check.
 *
 * <p>Credentials: {@code VIRTBLK_CLUSTER_API_KEY} sends {@code Authorization: ApiKey KEY};
 * otherwise {@code VIRTBLK_CLUSTER_USER} (or the user in the URL) with
 * {@code VIRTBLK_CLUSTER_PASSWORD} sends basic auth. TLS uses the JVM's trust store
 * ({@code -Djavax.net.ssl.trustStore=...} to add a private CA).
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and body (parsed when it is JSON, else null). */
    record Answer(int status, JsonNode json, String text) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final ClusterUrl url;
    private final HttpClient client;
    private final String authorization;
    private final Retry retry;
    /** Once a cluster answered, a lost connection is worth retrying (a node restarting); before, it is not. */
    private volatile boolean reached;

    Http(ClusterUrl url, Map<String, String> env, Retry retry) {
        this.url = url;
        this.retry = retry;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        this.authorization = authorization(url, env);
    }

    static String authorization(ClusterUrl url, Map<String, String> env) {
        String key = env.get("VIRTBLK_CLUSTER_API_KEY");
        if (key != null && !key.isBlank()) {
            return "ApiKey " + key.strip();
        }
        String user = env.getOrDefault("VIRTBLK_CLUSTER_USER", url.user());
        if (user == null || user.isBlank()) {
            return null;
        }
        String password = env.getOrDefault("VIRTBLK_CLUSTER_PASSWORD", "");
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path) throws ClusterException {
        return send("GET", path, null, null);
    }

    /**
     * One GET, never repeated: for admin calls that are not idempotent and may take the cluster
     * long (creating a collection), where another try after a timeout only queues the same work.
     */
    Answer getOnce(String path) throws ClusterException {
        return once("GET", path, null, null);
    }

    Answer json(String method, String path, Object body) throws ClusterException {
        try {
            return send(method, path, body == null ? null : JSON.writeValueAsBytes(body), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends once per try until an answer is worth keeping: retried on 429, 502-504 and lost connections. */
    Answer send(String method, String path, byte[] body, String contentType) throws ClusterException {
        ClusterException last = null;
        for (int n = 0; n < retry.attempts(); n++) {
            sleep(retry.before(n));
            try {
                Answer a = once(method, path, body, contentType);
                reached = true;
                if (!Retry.worthRetrying(a.status())) {
                    return a;
                }
                last = new ClusterException(url.kind().title() + " at " + url.base() + " answered " + a.status() + " to " + method + " " + path
                        + " " + retry.attempts() + " times: " + reason(a), a.status());
            } catch (ClusterException e) {
                // a cluster never reached is a wrong address or a cluster that is down: say so now, not after the backoff
                if (e.status() == -1 || !reached) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private Answer once(String method, String path, byte[] body, String contentType) throws ClusterException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.base() + path)).timeout(retry.patience().plusSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = exchange(b.build());
            JsonNode json = null;
            String text = new String(r.body(), StandardCharsets.UTF_8);
            try {
                json = r.body().length == 0 ? null : JSON.readTree(r.body());
            } catch (IOException notJson) {
                // a proxy's HTML page or plain text: kept as text for the message
            }
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw new ClusterException(url.kind().title() + " at " + url.base() + " refused the credentials (" + r.statusCode() + "): "
                        + reason(new Answer(r.statusCode(), json, text))
                        + "; set VIRTBLK_CLUSTER_USER and VIRTBLK_CLUSTER_PASSWORD, or VIRTBLK_CLUSTER_API_KEY", -1);
            }
            return new Answer(r.statusCode(), json, text);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ClusterException("cannot reach " + url.kind().title() + " at " + url.base() + " (" + describe(e)
                    + "); is the cluster up and the address right?");
        } catch (SSLException e) {
            throw new ClusterException("TLS to " + url.base() + " failed: " + e.getMessage()
                    + "; is its certificate trusted by this JVM (-Djavax.net.ssl.trustStore=...)? Use opensearch:// for plain HTTP", -1);
        } catch (HttpTimeoutException e) {
            throw new ClusterException(url.kind().title() + " at " + url.base() + " did not answer " + method + " " + path + " in time");
        } catch (IOException e) {
            throw new ClusterException("lost the connection to " + url.kind().title() + " at " + url.base() + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while talking to " + url.base(), -1);
        }
    }

    /**
     * One request with a hard deadline. The request's own timeout did not fire while a node that
     * lost its cluster manager held a bulk request (seen with the body still being sent): the
     * sender then waited for minutes. So the whole exchange is bounded here and cancelled at the end.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return f.get(request.timeout().orElseThrow().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new HttpTimeoutException("no answer in " + request.timeout().orElseThrow().toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(describe(e.getCause()), e.getCause());
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** What the cluster said was wrong, in one line. */
    static String reason(Answer a) {
        if (a.json() != null) {
            JsonNode err = a.json().path("error");
            if (err.isObject() && !err.has("type") && err.has("msg")) {
                return err.path("msg").asText().lines().findFirst().orElse(""); // Solr's shape; its first line says it
            }
            if (err.isObject()) {
                JsonNode root = err.path("root_cause").path(0);
                JsonNode e = root.isMissingNode() ? err : root;
                return e.path("type").asText("error") + ": " + e.path("reason").asText(err.path("msg").asText(""));
            }
            if (err.isTextual()) {
                return err.asText();
            }
        }
        String t = a.text() == null ? "" : a.text().strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static void sleep(Duration d) throws ClusterException {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted", -1);
        }
    }

    Retry retry() {
        return retry;
    }

    ClusterUrl url() {
        return url;
    }
}
