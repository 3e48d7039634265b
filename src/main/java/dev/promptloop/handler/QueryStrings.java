package dev.promptloop.handler;

import dev.promptloop.api.ProblemException;
import dev.promptloop.core.Texts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A raw query string ({@code limit=20&cursor=...}) as decoded parameters; a parameter given twice is a 400. */
final class QueryStrings {

    private QueryStrings() {
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> parameters = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (parameters.put(name, value) != null) {
                throw ProblemException.badRequest("invalid-parameter", "query parameter '" + Texts.excerpt(name)
                        + "' is given more than once");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", "the query string is not validly encoded");
        }
    }
}
