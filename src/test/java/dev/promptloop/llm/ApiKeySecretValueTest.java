package dev.promptloop.llm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeySecretValueTest {

    @Test
    void aJsonSecretGivesItsApiKeyField() {
        assertThat(ApiKeySecretValue.parse("{\"api_key\": \"sk-abc\", \"org\": \"x\"}")).isEqualTo("sk-abc");
    }

    @Test
    void aPlainSecretIsTheKeyItself() {
        assertThat(ApiKeySecretValue.parse("  sk-plain\n")).isEqualTo("sk-plain");
    }

    @Test
    void jsonWithoutTheFieldIsRefusedWithoutQuotingTheSecret() {
        assertThatThrownBy(() -> ApiKeySecretValue.parse("{\"key\": \"sk-hidden\"}"))
                .hasMessageContaining("api_key").hasMessageNotContaining("sk-hidden");
    }

    @Test
    void brokenJsonIsRefusedWithoutQuotingTheSecret() {
        assertThatThrownBy(() -> ApiKeySecretValue.parse("{\"api_key\": \"sk-hidden"))
                .hasMessageNotContaining("sk-hidden");
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> ApiKeySecretValue.parse(" ")).isInstanceOf(IllegalStateException.class);
    }
}
