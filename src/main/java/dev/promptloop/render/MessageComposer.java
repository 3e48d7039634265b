package dev.promptloop.render;

import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.PromptVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a version and variables into chat messages. The owner's protected rules and then the learned rules go into
 * the system message, after the owner's system text, so rules can refine but never replace it.
 */
public final class MessageComposer {

    static final String PROTECTED_HEADING = "Rules set by the owner (always follow them):";
    static final String RULES_HEADING = "Rules learned from feedback (follow all of them):";

    private MessageComposer() {
    }

    public static List<Message> compose(PromptVersion version, Map<String, String> variables) {
        var template = version.template();
        List<String> sections = new ArrayList<>(3);
        template.system().ifPresent(t -> sections.add(t.render(variables)));
        if (!version.protectedRules().isEmpty()) {
            sections.add(protectedSection(version));
        }
        if (!version.rules().isEmpty()) {
            sections.add(section(RULES_HEADING, version.rules().stream().map(LearnedRule::text).toList()));
        }
        List<Message> messages = new ArrayList<>(2);
        if (!sections.isEmpty()) {
            messages.add(new Message(Message.Role.SYSTEM, String.join("\n\n", sections)));
        }
        messages.add(new Message(Message.Role.USER, template.user().render(variables)));
        return messages;
    }

    /** The protected section exactly as the model sees it; refinement compares it byte for byte. */
    public static String protectedSection(PromptVersion version) {
        return section(PROTECTED_HEADING, version.protectedRules());
    }

    private static String section(String heading, List<String> rules) {
        StringBuilder section = new StringBuilder(heading);
        for (String rule : rules) {
            section.append("\n- ").append(rule);
        }
        return section.toString();
    }
}
