package dev.promptloop.prompt;

import dev.promptloop.template.Template;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The owner's message texts: an optional system text and the user text, both with placeholders. */
public record PromptTemplate(Optional<Template> system, Template user) {

    public static PromptTemplate parse(String system, String user) {
        return new PromptTemplate(Optional.ofNullable(system).map(Template::parse), Template.parse(user));
    }

    /** Every variable either message needs. */
    public Set<String> variables() {
        Set<String> all = new LinkedHashSet<>();
        system.ifPresent(s -> all.addAll(s.variables()));
        all.addAll(user.variables());
        return all;
    }

    public Optional<String> systemSource() {
        return system.map(Template::source);
    }
}
