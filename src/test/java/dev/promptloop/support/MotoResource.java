package dev.promptloop.support;

import dev.promptloop.local.MotoServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts moto_server, the DynamoDB and DynamoDB Streams endpoint of the tests, on a free port; fails with an install
 * hint when moto is missing. Tables are created at application start by {@link TestTables}.
 */
public class MotoResource implements QuarkusTestResourceLifecycleManager {

    private MotoServer moto;

    @Override
    public Map<String, String> start() {
        moto = MotoServer.start(freePort(), Path.of("target", "moto-test.log"));
        return Map.of("quarkus.dynamodb.endpoint-override", moto.endpoint());
    }

    @Override
    public void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
