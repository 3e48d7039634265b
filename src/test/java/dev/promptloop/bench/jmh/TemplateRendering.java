package dev.promptloop.bench.jmh;

import com.samskivert.mustache.Mustache;
import dev.promptloop.template.Template;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.HashMap;
import java.util.Map;

/** A 2 KB template with 10 variables, rendered by Promptloop's template and by jmustache, parsed once each. */
@State(Scope.Benchmark)
public class TemplateRendering {

    Template template;
    com.samskivert.mustache.Template mustache;
    Map<String, String> values;

    @Setup
    public void parse() {
        var source = new StringBuilder();
        values = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            values.put("var" + i, "value number " + i);
        }
        int variable = 0;
        while (source.length() < 2048) {
            source.append("Write marketing copy that is short, warm and precise; mention {{var")
                    .append(variable % 10).append("}} once. ");
            variable++;
        }
        template = Template.parse(source.toString());
        mustache = Mustache.compiler().escapeHTML(false).compile(source.toString());
    }

    @Benchmark
    public String promptloop() {
        return template.render(values);
    }

    @Benchmark
    public String jmustache() {
        return mustache.execute(values);
    }
}
