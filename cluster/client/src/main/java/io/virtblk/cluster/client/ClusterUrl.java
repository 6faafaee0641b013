package io.virtblk.cluster.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where events go and come from: {@code opensearch://HOST:PORT/INDEX} (plain HTTP),
 * {@code https://HOST:PORT/INDEX} (OpenSearch over TLS, trusted by the JVM's trust store),
 * {@code http://HOST:PORT/INDEX}, {@code solr://HOST:PORT/COLLECTION} and {@code solrs://} (TLS).
 * A user name may stand before the host ({@code opensearch://alice@HOST:PORT/INDEX}); passwords
 * and keys come only from the environment, never from a command line that lands in a history.
 */
public record ClusterUrl(Kind kind, URI base, String index, String user, String text) {

    public enum Kind {
        OPENSEARCH("OpenSearch", "mapping"), SOLR("Solr", "schema");

        private final String title;
        private final String layout;

        Kind(String title, String layout) {
            this.title = title;
            this.layout = layout;
        }

        public String title() {
            return title;
        }

        /** What {@code push --create} applies from the repository: the OpenSearch "mapping", the Solr "schema". */
        public String layout() {
            return layout;
        }
    }

    public static ClusterUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw bad(text, e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind;
        String http;
        switch (scheme) {
            case "opensearch", "http" -> {
                kind = Kind.OPENSEARCH;
                http = "http";
            }
            case "opensearchs", "https" -> {
                kind = Kind.OPENSEARCH;
                http = "https";
            }
            case "solr" -> {
                kind = Kind.SOLR;
                http = "http";
            }
            case "solrs" -> {
                kind = Kind.SOLR;
                http = "https";
            }
            default -> throw bad(text, scheme.isEmpty() ? "no scheme" : "unknown scheme '" + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw bad(text, "no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.replaceFirst("^/+", "").replaceFirst("/+$", "");
        if (kind == Kind.SOLR && name.startsWith("solr/")) {
            name = name.substring("solr/".length());
        }
        if (name.isEmpty()) {
            throw bad(text, "no " + (kind == Kind.SOLR ? "collection" : "index") + " after the host");
        }
        if (name.contains("/")) {
            throw bad(text, "one " + (kind == Kind.SOLR ? "collection" : "index") + " name after the host, not a path: '" + name + "'");
        }
        if (kind == Kind.OPENSEARCH && (!name.equals(name.toLowerCase(Locale.ROOT)) || name.startsWith("_") || name.startsWith("-")
                || name.matches(".*[\\\\*?\"<>| ,#:].*"))) {
            throw bad(text, "OpenSearch index names are lower case, do not start with _ or -, and have none of \\ * ? \" < > | , # : or spaces");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : kind == Kind.SOLR ? 8983 : 9200;
        URI base = URI.create(http + "://" + hostPart(uri.getHost()) + ":" + port + (kind == Kind.SOLR ? "/solr" : ""));
        return new ClusterUrl(kind, base, name, uri.getUserInfo(), text.strip());
    }

    private static String hostPart(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a cluster address (" + why + "); expected opensearch://HOST:PORT/INDEX,"
                + " https://HOST:PORT/INDEX or solr://HOST:PORT/COLLECTION");
    }

    /** The address without a user name, for messages. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + base + (kind == Kind.SOLR ? "/" : "/") + index;
    }
}
