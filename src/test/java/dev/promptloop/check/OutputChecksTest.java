package dev.promptloop.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptloop.api.OutputCheckJson;
import dev.promptloop.api.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ROW = Map.of("price", "19.99", "logo", "https://cdn.example.com/l.png");

    @Test
    void containsVariableFailsWithACritiqueNamingTheVariableAndItsValue() throws Exception {
        var checks = read("[{\"type\": \"contains-variable\", \"variable\": \"price\"}]");

        var failed = OutputChecks.run(checks, "A lovely lamp.", ROW).get(0);
        var passed = OutputChecks.run(checks, "A lovely lamp for 19.99.", ROW).get(0);

        assertThat(failed).isEqualTo(new CheckResult("contains-variable", false,
                "the output does not contain the value of `price` (19.99)"));
        assertThat(passed.passed()).isTrue();
    }

    @Test
    void containsAndNotContains() throws Exception {
        var checks = read("[{\"type\": \"contains\", \"value\": \"Aurora\"}, {\"type\": \"not-contains\", \"value\": \"💩\"}]");

        assertThat(OutputChecks.run(checks, "Aurora", ROW)).extracting(CheckResult::passed).containsExactly(true, true);
        assertThat(OutputChecks.run(checks, "Lamp 💩", ROW)).extracting(CheckResult::passed).containsExactly(false, false);
    }

    @Test
    void regexAndNotRegex() throws Exception {
        var checks = read("[{\"type\": \"regex\", \"pattern\": \"#[0-9A-F]{6}\"}, {\"type\": \"not-regex\", \"pattern\": \"(?i)lorem\"}]");

        assertThat(OutputChecks.run(checks, "colour #FF5733", ROW)).extracting(CheckResult::passed)
                .containsExactly(true, true);
        assertThat(OutputChecks.run(checks, "Lorem ipsum", ROW)).extracting(CheckResult::passed)
                .containsExactly(false, false);
    }

    @Test
    void jsonWithAndWithoutSchema() throws Exception {
        var plain = read("[{\"type\": \"json\"}]");
        var schema = read("[{\"type\": \"json\", \"schema\": {\"type\": \"object\", \"required\": [\"headline\"],"
                + " \"properties\": {\"headline\": {\"type\": \"string\"}}}}]");

        assertThat(OutputChecks.run(plain, "{\"a\": 1}", ROW).get(0).passed()).isTrue();
        assertThat(OutputChecks.run(plain, "not json", ROW).get(0).detail()).isEqualTo("the output is not valid JSON");
        assertThat(OutputChecks.run(schema, "{\"headline\": \"Hi\"}", ROW).get(0).passed()).isTrue();
        var failed = OutputChecks.run(schema, "{\"body\": \"Hi\"}", ROW).get(0);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.detail()).startsWith("the output does not match the JSON schema").contains("headline");
    }

    @Test
    void lengthBounds() throws Exception {
        var checks = read("[{\"type\": \"max-length\", \"value\": 5}, {\"type\": \"min-length\", \"value\": 3}]");

        assertThat(OutputChecks.run(checks, "abcd", ROW)).extracting(CheckResult::passed).containsExactly(true, true);
        assertThat(OutputChecks.run(checks, "abcdef", ROW).get(0).detail())
                .isEqualTo("the output has 6 characters; at most 5 are allowed");
        assertThat(OutputChecks.run(checks, "ab", ROW).get(1).passed()).isFalse();
    }

    @Test
    void checksRoundTripThroughTheirJson() throws Exception {
        String json = "[{\"type\":\"contains-variable\",\"variable\":\"price\"},{\"type\":\"not-regex\",\"pattern\":\"x+\"},"
                + "{\"type\":\"json\",\"schema\":{\"type\":\"object\"}},{\"type\":\"min-length\",\"value\":3}]";

        assertThat(OutputCheckJson.write(read(json))).isEqualTo(JSON.readTree(json));
    }

    @Test
    void invalidDefinitionsAreRefusedWithAProblem() {
        assertProblem("[{\"type\": \"regex\", \"pattern\": \"(unclosed\"}]", 422);
        assertProblem("[{\"type\": \"shout\"}]", 422);
        assertProblem("[{\"type\": \"contains\"}]", 422);
        assertProblem("[{\"type\": \"max-length\", \"value\": -1}]", 422);
        assertProblem("[{\"type\": \"json\", \"schema\": {\"$ref\": \"https://evil.example/schema\"}}]", 422);
        assertProblem("[{\"type\": \"contains\", \"value\": \"x\", \"extra\": 1}]", 400);
        assertProblem("{\"type\": \"contains\"}", 400);
    }

    private static void assertProblem(String json, int status) {
        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(ProblemException.class,
                p -> assertThat(p.status()).as(json).isEqualTo(status));
    }

    private static List<OutputCheck> read(String json) throws Exception {
        return OutputCheckJson.read(JSON.readTree(json));
    }
}
