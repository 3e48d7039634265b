package dev.promptloop.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import dev.promptloop.suite.RegressionCase;

import java.util.Map;

/** Regression cases as {@code /prompts/{id}/cases} writes them: a page of the suite, or the one case a change made. */
public final class CaseReplies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CaseReplies() {
    }

    /** A page of cases; its cursor serves only this prompt's suite. */
    public static PageRequest page(String promptId, Map<String, String> query) {
        return ListQueries.paging(query, scope(promptId));
    }

    public static ObjectNode write(String promptId, Page<RegressionCase> page) {
        ObjectNode out = JSON.objectNode().put("id", promptId);
        var items = out.putArray("cases");
        page.items().forEach(c -> items.add(write(c)));
        page.next().ifPresent(position -> out.put("next", Cursors.encode(scope(promptId), position)));
        return out;
    }

    public static ObjectNode write(String promptId, RegressionCase regressionCase) {
        ObjectNode out = JSON.objectNode().put("id", promptId);
        out.set("case", write(regressionCase));
        return out;
    }

    private static ObjectNode write(RegressionCase c) {
        ObjectNode out = JSON.objectNode().put("caseId", c.caseId()).put("kind", c.kind().wireName());
        var variables = out.putObject("variables");
        c.variables().forEach(variables::put);
        c.output().ifPresent(o -> out.put("output", o));
        var critiques = out.putArray("critiques");
        c.critiques().forEach(critiques::add);
        var feedbackIds = out.putArray("feedbackIds");
        c.feedbackIds().forEach(feedbackIds::add);
        out.put("version", c.version());
        c.learnedBy().ifPresent(v -> out.put("learnedBy", v));
        out.set("checks", OutputCheckJson.write(c.checks()));
        c.note().ifPresent(n -> out.put("note", n));
        out.put("author", c.author());
        out.put("createdAt", c.createdAt().toString());
        return out;
    }

    private static String scope(String promptId) {
        return "cases/" + promptId;
    }
}
