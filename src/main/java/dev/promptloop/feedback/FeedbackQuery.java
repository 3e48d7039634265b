package dev.promptloop.feedback;

import dev.promptloop.core.PageRequest;

import java.util.Optional;

/** A page of one prompt's feedback, newest first: of one status or all, of one version or all. */
public record FeedbackQuery(Status status, Optional<Integer> version, PageRequest page) {

    public enum Status {
        /** Negative feedback no refinement has consumed yet. */
        PENDING("pending"),
        /** Negative feedback a refinement learned from; it names the version that did. */
        CONSUMED("consumed"),
        /** Negative feedback whose refinements the gate rejected too often; it names the last of them. */
        UNRESOLVED("unresolved"),
        ALL("all");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Status> fromWireName(String name) {
            for (Status status : values()) {
                if (status.wireName.equals(name)) {
                    return Optional.of(status);
                }
            }
            return Optional.empty();
        }
    }
}
