package dev.promptloop.support.memory;

import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.ModelReply;
import dev.promptloop.render.Usage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A model port that answers each purpose with a script and remembers every call. */
public class ScriptedModel implements ChatModel {

    public record Call(ModelPurpose purpose, List<Message> messages, ModelSettings settings) {
    }

    private final Map<ModelPurpose, Function<List<Message>, String>> scripts = new EnumMap<>(ModelPurpose.class);
    private final List<Call> calls = new ArrayList<>();

    public ScriptedModel answering(ModelPurpose purpose, Function<List<Message>, String> script) {
        scripts.put(purpose, script);
        return this;
    }

    public ScriptedModel answering(ModelPurpose purpose, String answer) {
        return answering(purpose, messages -> answer);
    }

    @Override
    public synchronized ModelReply complete(ModelPurpose purpose, List<Message> messages, ModelSettings settings) {
        calls.add(new Call(purpose, messages, settings));
        var script = scripts.get(purpose);
        if (script == null) {
            throw new IllegalStateException("no script for " + purpose);
        }
        return new ModelReply(script.apply(messages), "scripted", new Usage(10, 5));
    }

    @Override
    public String defaultModelName() {
        return "scripted";
    }

    public synchronized List<Call> calls(ModelPurpose purpose) {
        return calls.stream().filter(c -> c.purpose() == purpose).toList();
    }
}
