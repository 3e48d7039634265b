package dev.promptloop.refinement;

/** Writes a refined version, its label move and the consumption of its feedback as one transaction. */
public interface VersionPublisher {

    /**
     * @throws ConcurrentRefinementException when the head moved or any feedback was already consumed since it was
     *         read; nothing was written
     */
    void publish(RefinedVersion refined);
}
