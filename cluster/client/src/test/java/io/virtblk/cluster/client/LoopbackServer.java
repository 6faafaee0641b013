package io.virtblk.cluster.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A fake cluster on loopback for the client tests: each request is answered by the test's function; writing it out is done here. */
final class LoopbackServer implements AutoCloseable {

    /** A status and a body (left out for HEAD requests, as a server does). */
    record Reply(int status, byte[] body) {
        static Reply text(int status, String body) {
            return new Reply(status, body.getBytes(StandardCharsets.UTF_8));
        }

        static Reply json(int status, Object body) throws JsonProcessingException {
            return new Reply(status, Http.JSON.writeValueAsBytes(body));
        }
    }

    @FunctionalInterface
    interface Answer {
        Reply to(HttpExchange request) throws IOException;
    }

    private final HttpServer server;

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    /** Answers every request under {@code context} ("/", "/solr/") with {@code answer}. */
    static LoopbackServer start(String context, Answer answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(context, ex -> {
            Reply r = answer.to(ex);
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(r.status(), -1);
            } else {
                ex.sendResponseHeaders(r.status(), r.body().length);
                ex.getResponseBody().write(r.body());
            }
            ex.close();
        });
        server.start();
        return new LoopbackServer(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
