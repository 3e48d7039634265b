package dev.promptloop.store;

import dev.promptloop.handler.HandlerNames;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.wiring.PrimedStreamHandler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Priming the DynamoDB client: one read of an item that cannot exist, on a table the handler's role may read. */
@QuarkusTest
@PromptloopTest
class TablePrimingTest {

    @Inject
    TablePriming priming;
    @Inject
    TableNames tables;

    @Test
    void renderPrimesWithOneReadOfThePromptsTableAndNoWrite() {
        int writesBefore = DynamoCallCounter.writes();
        DynamoCallCounter.reset();

        String table = priming.prime(PrimedStreamHandler.primedTable(HandlerNames.RENDER));

        assertThat(table).isEqualTo(tables.prompts());
        assertThat(DynamoCallCounter.calls()).isEqualTo(Map.of("GetItem", 1));
        assertThat(DynamoCallCounter.tables()).isEqualTo(Set.of(tables.prompts()));
        assertThat(DynamoCallCounter.writes()).isEqualTo(writesBefore);
    }

    @Test
    void feedbackPrimesOnTheIdempotencyTableBecauseItsRoleCannotReadPrompts() {
        DynamoCallCounter.reset();

        String table = priming.prime(PrimedStreamHandler.primedTable(HandlerNames.FEEDBACK));

        assertThat(table).isEqualTo(tables.idempotency());
        assertThat(DynamoCallCounter.calls()).isEqualTo(Map.of("GetItem", 1));
        assertThat(DynamoCallCounter.tables()).isEqualTo(Set.of(tables.idempotency()));
    }
}
