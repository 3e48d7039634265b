package dev.promptloop.render;

import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.PromptVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a version and variables into chat messages. Learned rules go into the system message, after the owner's
 * system text, so they can refine but never replace it.
 */
public final class MessageComposer {

    static final String RULES_HEADING = "Rules learned from feedback (follow all of them):";

    private MessageComposer() {
    }

    public static List<Message> compose(PromptVersion version, Map<String, String> variables) {
        var template = version.template();
        String system = template.system().map(t -> t.render(variables)).orElse(null);
        String rules = rulesSection(version.rules());
        List<Message> messages = new ArrayList<>(2);
        if (system != null && rules != null) {
            messages.add(new Message(Message.Role.SYSTEM, system + "\n\n" + rules));
        } else if (system != null || rules != null) {
            messages.add(new Message(Message.Role.SYSTEM, system != null ? system : rules));
        }
        messages.add(new Message(Message.Role.USER, template.user().render(variables)));
        return messages;
    }

    private static String rulesSection(List<LearnedRule> rules) {
        if (rules.isEmpty()) {
            return null;
        }
        StringBuilder section = new StringBuilder(RULES_HEADING);
        for (LearnedRule rule : rules) {
            section.append("\n- ").append(rule.text());
        }
        return section.toString();
    }
}
