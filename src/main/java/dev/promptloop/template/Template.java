package dev.promptloop.template;

import dev.promptloop.core.Texts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A message text with {@code {{variable}}} placeholders, parsed once into literal and variable parts so that each
 * render is a single pass over the parts.
 */
public final class Template {

    private static final int MAX_NAME_LENGTH = 64;

    private final String source;
    private final String[] literals;
    private final String[] names;
    private final Set<String> variables;
    private final int literalLength;

    private Template(String source, List<String> literals, List<String> names) {
        this.source = source;
        this.literals = literals.toArray(String[]::new);
        this.names = names.toArray(String[]::new);
        this.variables = Collections.unmodifiableSet(new LinkedHashSet<>(names));
        this.literalLength = literals.stream().mapToInt(String::length).sum();
    }

    /**
     * Parses a template. Throws {@link TemplateSyntaxException} naming the offset of the first bad placeholder: an
     * unclosed {@code {{}, an empty name, or a name outside {@code [A-Za-z_][A-Za-z0-9_.-]*}.
     */
    public static Template parse(String source) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int cursor = 0;
        while (true) {
            int open = source.indexOf("{{", cursor);
            if (open < 0) {
                literals.add(source.substring(cursor));
                return new Template(source, literals, names);
            }
            int close = source.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateSyntaxException("unclosed placeholder at offset " + open);
            }
            String name = source.substring(open + 2, close).strip();
            if (!isName(name)) {
                throw new TemplateSyntaxException("invalid placeholder name '" + Texts.excerpt(name, 40) + "' at offset "
                        + open
                        + ": use letters, digits, '_', '.' or '-', starting with a letter or '_'");
            }
            literals.add(source.substring(cursor, open));
            names.add(name);
            cursor = close + 2;
        }
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        char first = name.charAt(0);
        if (!(Character.isLetter(first) && first < 128 || first == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The distinct variable names, in order of first appearance. */
    public Set<String> variables() {
        return variables;
    }

    public String source() {
        return source;
    }

    /** Renders with every variable present in {@code values}; callers check completeness first. */
    public String render(Map<String, String> values) {
        int capacity = literalLength;
        for (String name : names) {
            capacity += values.get(name).length();
        }
        StringBuilder out = new StringBuilder(capacity);
        for (int i = 0; i < names.length; i++) {
            out.append(literals[i]).append(values.get(names[i]));
        }
        return out.append(literals[names.length]).toString();
    }
}
