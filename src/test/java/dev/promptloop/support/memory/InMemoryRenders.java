package dev.promptloop.support.memory;

import dev.promptloop.render.Render;
import dev.promptloop.render.RenderRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The renders table in memory; renders never expire here. */
public class InMemoryRenders implements RenderRepository {

    private final Map<String, Render> renders = new LinkedHashMap<>();

    @Override
    public synchronized void save(Render render, Instant expiresAt) {
        renders.put(render.renderId(), render);
    }

    @Override
    public synchronized List<Render> findAll(Collection<String> renderIds) {
        return renderIds.stream().distinct().map(renders::get).filter(r -> r != null).toList();
    }

    public synchronized List<Render> all() {
        return List.copyOf(renders.values());
    }
}
