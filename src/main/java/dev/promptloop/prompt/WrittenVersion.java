package dev.promptloop.prompt;

import java.util.List;

/** A hand-written version as it was stored, and the variables its template adds to or drops from production's. */
public record WrittenVersion(PromptView view, List<String> variablesAdded, List<String> variablesDropped) {

    public WrittenVersion {
        variablesAdded = List.copyOf(variablesAdded);
        variablesDropped = List.copyOf(variablesDropped);
    }
}
