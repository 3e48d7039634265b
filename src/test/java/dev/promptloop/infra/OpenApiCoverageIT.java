package dev.promptloop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.support.contract.ContractCheck;
import dev.promptloop.support.contract.OpenApiDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs after the unit tests of the same build: every response infra/openapi.yaml documents was actually received by
 * some test and held against its schema, so the contract check covers the whole document, not the easy routes. The
 * {@code default} response of each operation is a bug's: it is not expected to be received, and a received status
 * the operation does not list (a 500, say) fails the check.
 */
class OpenApiCoverageIT {

    @Test
    void everyDocumentedResponseWasReceivedAndKeptTheContract() throws IOException {
        Path seenFile = ContractCheck.seenRepliesFile().orElse(null);
        assumeTrue(seenFile != null, "run through Maven, which names this build's record of replies");
        assertThat(seenFile).as("the unit tests of this build record the replies they receive").exists();
        Set<String> seen = new TreeSet<>(Files.readAllLines(seenFile));

        Set<String> documented = new TreeSet<>();
        OpenApiDocument.get().tree().path("paths").fields().forEachRemaining(path ->
                path.getValue().fields().forEachRemaining(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    responses.fieldNames().forEachRemaining(status -> {
                        // the default response is a bug's (500), which no test should provoke
                        if (!OpenApiDocument.DEFAULT.equals(status)) {
                            documented.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " "
                                    + path.getKey() + " " + status);
                        }
                    });
                }));

        Set<String> neverReceived = new TreeSet<>(documented);
        neverReceived.removeAll(seen);
        assertThat(neverReceived).as("documented responses no test received").isEmpty();
        assertThat(seen).as("received responses the document lacks").isSubsetOf(documented);
    }
}
