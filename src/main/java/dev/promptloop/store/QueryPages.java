package dev.promptloop.store;

import dev.promptloop.core.InvalidPositionException;
import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import static dev.promptloop.store.TableSchemas.PROMPT_SK;

/**
 * Pages of a query over one partition. A page's position is the last varying key of its last item; one item more
 * than asked is read, so {@code next} is given exactly when there is more. A filtered query reads on (a bounded
 * number of times) until the page is full, and otherwise hands out the position where it stopped.
 */
final class QueryPages {

    private static final int MAX_READS = 10;
    private static final int FILTERED_READ = 100;

    private QueryPages() {
    }

    /**
     * A page of one prompt's items, positioned by sort key.
     *
     * @param query the query without its start key and limit
     * @param positions the shape of every sort key this query can return; any other position was not given out here
     */
    static Page<Map<String, AttributeValue>> read(DynamoDbClient dynamo, QueryRequest query, String promptId,
            PageRequest page, Pattern positions) {
        return read(dynamo, query, page, positions, PROMPT_SK, position -> PromptItems.key(promptId, position));
    }

    /**
     * @param positionAttribute the attribute whose value is a page's position (the last key that varies)
     * @param startKey the start key (table and index keys) after an item at a position
     */
    static Page<Map<String, AttributeValue>> read(DynamoDbClient dynamo, QueryRequest query, PageRequest page,
            Pattern positions, String positionAttribute, Function<String, Map<String, AttributeValue>> startKey) {
        Map<String, AttributeValue> start = page.after().map(position -> {
            if (!positions.matcher(position).matches()) {
                throw new InvalidPositionException("the cursor does not point into this list");
            }
            return startKey.apply(position);
        }).orElse(null);
        boolean filtered = query.filterExpression() != null;
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int read = 0; read < MAX_READS; read++) {
            int wanted = page.limit() + 1 - items.size();
            var from = start;
            var response = dynamo.query(query.toBuilder().exclusiveStartKey(from)
                    .limit(filtered ? Math.max(wanted, FILTERED_READ) : wanted).build());
            items.addAll(response.items());
            if (items.size() > page.limit()) {
                var kept = items.subList(0, page.limit());
                return new Page<>(kept, Optional.of(kept.get(kept.size() - 1).get(positionAttribute).s()));
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return Page.last(items);
            }
            start = response.lastEvaluatedKey();
        }
        return new Page<>(items, Optional.of(start.get(positionAttribute).s()));
    }
}
