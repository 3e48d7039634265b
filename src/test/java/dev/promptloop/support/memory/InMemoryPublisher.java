package dev.promptloop.support.memory;

import dev.promptloop.core.ConcurrentChangeException;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.refinement.RefinedVersion;
import dev.promptloop.refinement.VersionPublisher;

import java.util.Optional;

/** Publishes into the in-memory prompts and feedback all or nothing, under the DynamoDB publisher's conditions. */
public class InMemoryPublisher implements VersionPublisher {

    private final InMemoryPrompts prompts;
    private final InMemoryFeedback feedback;
    private final InMemoryCases cases;

    public InMemoryPublisher(InMemoryPrompts prompts, InMemoryFeedback feedback, InMemoryCases cases) {
        this.prompts = prompts;
        this.feedback = feedback;
        this.cases = cases;
    }

    @Override
    public void publish(RefinedVersion refined) {
        synchronized (feedback) {
            if (!feedback.allPending(refined.touched())) {
                throw new ConcurrentChangeException("feedback was consumed while refining");
            }
            prompts.publish(refined.basedOn(), refined.version(), refined.headUpdate(), refined.usage());
            int version = refined.version().version();
            feedback.consume(refined.consumed(), version);
            feedback.triedIn(refined.retried(), version);
            feedback.triedIn(refined.parked(), version);
            feedback.park(refined.parked(), version);
            cases.apply(refined.basedOn().promptId(), refined.suite());
        }
    }

    @Override
    public void recordUsage(String promptId, RefinementUsage usage, Optional<HistoryEntry> event) {
        prompts.recordUsage(promptId, usage, event);
    }
}
