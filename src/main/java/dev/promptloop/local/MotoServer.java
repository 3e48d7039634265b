package dev.promptloop.local;

import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} process: the local AWS endpoint for DynamoDB and DynamoDB Streams in local mode and tests.
 * It is in-memory, so every start is empty.
 */
public final class MotoServer implements AutoCloseable {

    static final String INSTALL_HINT = "moto_server was not found: install it with pip install \"moto[server]\" "
            + "(moto 5.x) and make sure moto_server or python3 -m moto.server runs";

    private static final Logger LOG = Logger.getLogger(MotoServer.class);
    private static final String SERIAL_LAUNCHER = String.join("\n",
            "import sys",
            "from werkzeug.serving import run_simple",
            "from moto.server import DomainDispatcherApplication, create_backend_app",
            "run_simple(sys.argv[1], int(sys.argv[2]), DomainDispatcherApplication(create_backend_app), threaded=False)");

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts moto on 127.0.0.1:{@code port} and waits until it answers; {@code log} receives its output. */
    public static MotoServer start(int port, Path log) {
        List<String> command = command(port);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            var server = new MotoServer(process, port);
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(INSTALL_HINT + " (" + e.getMessage() + ")", e);
        }
    }

    /** Whether something answers HTTP at this endpoint (a moto_server someone else started, say). */
    public static boolean answers(String endpoint) {
        try {
            var connection = (HttpURLConnection) URI.create(endpoint).toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            connection.getResponseCode();
            connection.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * moto's own {@code moto_server} serves requests on many threads, and its transactions are then not isolated: a
     * failing transaction restores a copy of the table taken before a concurrent one wrote. DynamoDB serialises
     * conflicting transactions, so moto's application is run here on one thread, which gives that isolation.
     * {@code moto_server} itself is the fallback when that launch is not possible.
     */
    private static List<String> command(int port) {
        for (String python : List.of("python3", "python")) {
            if (onPath(python) && runs(python, "-c", "import moto.server, werkzeug.serving")) {
                return List.of(python, "-c", SERIAL_LAUNCHER, "127.0.0.1", Integer.toString(port));
            }
        }
        if (onPath("moto_server")) {
            LOG.warn("moto is not importable from python3; falling back to the multi-threaded moto_server, whose "
                    + "concurrent transactions are not isolated");
            return List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port));
        }
        throw new IllegalStateException(INSTALL_HINT);
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with code " + process.exitValue()
                        + " before answering on port " + port + "; " + INSTALL_HINT);
            }
            if (answers(endpoint())) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
        }
        close();
        throw new IllegalStateException("moto_server did not answer on port " + port + " within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
