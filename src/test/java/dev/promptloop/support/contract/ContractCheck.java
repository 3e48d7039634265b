package dev.promptloop.support.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds replies against the document, and keeps the list of (operation, status) pairs seen in this build in the
 * file the build names (the coverage check of the integration tests reads it back).
 */
public final class ContractCheck {

    /** Set by the build for the unit and the integration tests alike, one file per build. */
    public static final String SEEN_REPLIES = "contract-check.seen-replies";

    private static final Set<String> RECORDED = ConcurrentHashMap.newKeySet();

    private ContractCheck() {
    }

    static void hold(ObservedReply reply) {
        List<String> violations = OpenApiDocument.get().violations(reply.method(), reply.pathTemplate(),
                reply.status(), reply.contentType(), reply.body());
        if (!violations.isEmpty()) {
            throw new AssertionError("the reply of " + reply.operationKey() + " breaks infra/openapi.yaml: "
                    + violations + "\nbody: " + reply.body());
        }
        record(reply.operationKey());
    }

    public static Optional<Path> seenRepliesFile() {
        String location = System.getProperty(SEEN_REPLIES, "");
        return location.isBlank() ? Optional.empty() : Optional.of(Path.of(location));
    }

    private static synchronized void record(String operationKey) {
        if (!RECORDED.add(operationKey)) {
            return;
        }
        seenRepliesFile().ifPresent(file -> {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, operationKey + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
