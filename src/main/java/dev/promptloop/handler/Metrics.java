package dev.promptloop.handler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch metrics in embedded metric format: one JSON line on standard output per invocation, which Lambda's log
 * pipeline turns into metrics under the {@code Promptloop} namespace, by handler. No client, no network call. Off
 * the Lambda runtime (local mode, tests) nothing is written, so consoles stay readable.
 */
@ApplicationScoped
public class Metrics {

    public static final String NAMESPACE = "Promptloop";

    private final PrintStream out;
    private final Clock clock;

    /** On Lambda (where the runtime sets AWS_LAMBDA_FUNCTION_NAME) to standard output; elsewhere nowhere. */
    @Inject
    public Metrics(Clock clock) {
        this(System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null ? System.out : null, clock);
    }

    /** Metrics written to {@code out}, or nowhere when it is null (tests, benchmarks). */
    public Metrics(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** One API invocation: its latency, whether it succeeded or failed on whose side, and what it counted. */
    public void reply(String handler, double milliseconds, int status, Map<String, Double> counts) {
        var emission = of(handler).milliseconds("Latency", milliseconds)
                .count(status >= 500 ? "ServerErrors" : status >= 400 ? "ClientErrors" : "Requests", 1);
        counts.forEach(emission::count);
        emission.emit();
    }

    /** A set of values of one invocation. */
    public Emission of(String handler) {
        return new Emission(handler);
    }

    public final class Emission {
        private final String handler;
        private final Map<String, Object[]> values = new LinkedHashMap<>();

        private Emission(String handler) {
            this.handler = handler;
        }

        public Emission milliseconds(String name, double value) {
            values.put(name, new Object[] {value, "Milliseconds"});
            return this;
        }

        public Emission count(String name, double value) {
            values.put(name, new Object[] {value, "Count"});
            return this;
        }

        public void emit() {
            if (out == null || values.isEmpty()) {
                return;
            }
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            ObjectNode aws = line.putObject("_aws");
            aws.put("Timestamp", clock.millis());
            ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
            directive.put("Namespace", NAMESPACE);
            directive.putArray("Dimensions").addArray().add("Handler");
            var metrics = directive.putArray("Metrics");
            line.put("Handler", handler);
            values.forEach((name, value) -> {
                metrics.addObject().put("Name", name).put("Unit", (String) value[1]);
                line.put(name, (Double) value[0]);
            });
            out.println(line);
        }
    }
}
