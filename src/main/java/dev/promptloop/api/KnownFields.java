package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.core.Texts;

import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** Rejects JSON fields an API does not define, so a typo ("varaibles") is an error rather than silently ignored. */
public final class KnownFields {

    private KnownFields() {
    }

    public static void require(JsonNode object, String where, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ProblemException.badRequest("unknown-field", "unknown field '" + Texts.excerpt(name)
                        + "' in " + where + "; allowed: " + new TreeSet<>(allowed));
            }
        }
    }
}
