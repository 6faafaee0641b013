package io.virtblk.cluster.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https://} addresses: TLS with the JVM's own trust store, as the README tells users to
 * set it ({@code -Djavax.net.ssl.trustStore=FILE}). A loopback HTTPS server with a certificate
 * made here by keytool: a JVM that does not trust it gets an error naming the fix; a JVM started
 * with it in its trust store talks to the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {

    @TempDir
    static Path dir;

    private HttpsServer server;
    private Path trust;
    private String url;

    @BeforeAll
    void start() throws Exception {
        trust = dir.resolve("trust.p12");
        url = serve(trust);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool " + String.join(" ", args) + ": " + out).isZero();
    }

    /** An HTTPS server on loopback answering GET / like OpenSearch 3.9; returns its https:// address and writes a trust store for it. */
    private String serve(Path trustStore) throws Exception {
        Path keys = dir.resolve("server.p12");
        Path cert = dir.resolve("server.cer");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keys.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", "server", "-keystore", keys.toString(), "-storepass", "changeit", "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-keystore", trustStore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keys.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> {
            byte[] body = "{\"version\":{\"distribution\":\"opensearch\",\"number\":\"3.9.0\"}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/virtblk";
    }

    @Test
    void aCertificateTheJvmDoesNotTrustIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Cluster.open(url, Map.of(), Retry.DEFAULT).version()).isInstanceOf(ClusterException.class)
                .hasMessageContaining("TLS to " + url.replace("/virtblk", "") + " failed")
                .hasMessageContaining("-Djavax.net.ssl.trustStore=");
    }

    @Test
    void aJvmThatTrustsTheCertificateTalksTls() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp", System.getProperty("java.class.path"), Version.class.getName(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).endsWith("OpenSearch 3.9.0");
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** The child JVM: asks the cluster its version over TLS, with whatever trust store the JVM was given. */
    public static final class Version {
        public static void main(String[] args) throws IOException {
            System.out.println(Cluster.open(args[0], Map.of(), Retry.DEFAULT).version());
        }
    }
}
