package dev.promptloop.render;

import java.time.Instant;
import java.util.Optional;

/** Where renders live until their time to live runs out. */
public interface RenderRepository {

    void save(Render render, Instant expiresAt);

    /** A render that exists and has not expired. */
    Optional<Render> find(String renderId);
}
