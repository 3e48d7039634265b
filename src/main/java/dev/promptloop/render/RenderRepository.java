package dev.promptloop.render;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where renders live until their time to live runs out. */
public interface RenderRepository {

    void save(Render render, Instant expiresAt);

    /** Those of the given renders that exist and have not expired, in no particular order. */
    List<Render> findAll(Collection<String> renderIds);
}
