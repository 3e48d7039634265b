package dev.promptloop.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest {

    @Test
    void rendersEveryPlaceholderInOnePass() {
        var template = Template.parse("Buy {{name}} for {{ price }}! {{name}} is {{colour}}.");

        var text = template.render(Map.of("name", "Aurora", "price", "$49.99", "colour", "#FF5733"));

        assertThat(text).isEqualTo("Buy Aurora for $49.99! Aurora is #FF5733.");
    }

    @Test
    void listsDistinctVariablesInOrderOfFirstUse() {
        var template = Template.parse("{{b}} {{a}} {{b}} {{c.d}}");

        assertThat(template.variables()).containsExactly("b", "a", "c.d");
    }

    @Test
    void valuesAreInsertedLiterallyAndNeverReparsed() {
        var template = Template.parse("Hello {{name}}");

        assertThat(template.render(Map.of("name", "{{secret}} $1 \\"))).isEqualTo("Hello {{secret}} $1 \\");
    }

    @Test
    void textWithoutPlaceholdersRendersUnchanged() {
        assertThat(Template.parse("plain text {single}").render(Map.of())).isEqualTo("plain text {single}");
    }

    @Test
    void unclosedPlaceholderIsRejectedWithItsOffset() {
        assertThatThrownBy(() -> Template.parse("Hi {{name"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("offset 3");
    }

    @Test
    void emptyOrInvalidNamesAreRejected() {
        assertThatThrownBy(() -> Template.parse("{{ }}")).isInstanceOf(TemplateSyntaxException.class);
        assertThatThrownBy(() -> Template.parse("{{1abc}}")).isInstanceOf(TemplateSyntaxException.class);
        assertThatThrownBy(() -> Template.parse("{{a b}}")).isInstanceOf(TemplateSyntaxException.class);
    }
}
