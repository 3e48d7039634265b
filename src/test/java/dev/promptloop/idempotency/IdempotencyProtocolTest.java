package dev.promptloop.idempotency;

import dev.promptloop.idempotency.IdempotencyRecords.StoredResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claim / replay / finish protocol on an in-memory port, without a table. */
class IdempotencyProtocolTest {

    static final Duration LOCK = Duration.ofSeconds(30);

    /** Keys in memory, as the DynamoDB store keeps them (no expiry here). */
    static final class Records implements IdempotencyRecords {
        final Map<String, Existing> keys = new HashMap<>();
        Duration lastLock;

        public Optional<Existing> claim(String key, String requestHash, Duration lock) {
            lastLock = lock;
            var existing = Optional.ofNullable(keys.get(key));
            if (existing.isEmpty()) {
                keys.put(key, new Existing(requestHash, Optional.empty()));
            }
            return existing;
        }

        public void complete(String key, StoredResponse response) {
            keys.put(key, new Existing(keys.get(key).requestHash(), Optional.of(response)));
        }

        public void release(String key) {
            keys.remove(key);
        }
    }

    final Records records = new Records();
    final Idempotency idempotency = new Idempotency(records);

    @Test
    void aNewKeyRunsAndTheSameRequestAfterwardsGetsTheFirstResponse() {
        assertThat(idempotency.claim("k", "hash", LOCK)).isEmpty();
        assertThat(records.lastLock).isEqualTo(LOCK);
        idempotency.finish("k", new StoredResponse(201, "application/json", "{\"id\": 1}"));

        assertThat(idempotency.claim("k", "hash", LOCK)).contains(new StoredResponse(201, "application/json",
                "{\"id\": 1}"));
    }

    @Test
    void theSameKeyWhileTheFirstRunsIsInProgressAndWithAnotherRequestIsReused() {
        idempotency.claim("k", "hash", LOCK);

        assertThatThrownBy(() -> idempotency.claim("k", "hash", LOCK)).isInstanceOf(RequestInProgressException.class);
        assertThatThrownBy(() -> idempotency.claim("k", "other", LOCK)).isInstanceOf(KeyReusedException.class);
    }

    @Test
    void aServerFailureFreesTheKeyAndAClientErrorIsKept() {
        idempotency.claim("k", "hash", LOCK);
        idempotency.finish("k", new StoredResponse(503, "application/problem+json", "{}"));
        idempotency.claim("j", "hash", LOCK);
        idempotency.finish("j", new StoredResponse(422, "application/problem+json", "{}"));

        assertThat(idempotency.claim("k", "hash", LOCK)).as("the retry runs").isEmpty();
        assertThat(idempotency.claim("j", "hash", LOCK)).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(422));
    }
}
