package dev.promptloop.store;

import dev.promptloop.render.Render;
import dev.promptloop.render.RenderRepository;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static dev.promptloop.store.TableSchemas.RENDER_PK;

/** Renders in the renders table, expiring through its TTL attribute. */
@StorageBoundary
@ApplicationScoped
public class DynamoRenderStore implements RenderRepository {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoRenderStore(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.renders();
        this.clock = clock;
    }

    @Override
    public void save(Render render, Instant expiresAt) {
        dynamo.putItem(p -> p.tableName(table).item(RenderItems.item(render, expiresAt))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", RENDER_PK)));
    }

    /** DynamoDB deletes expired items lazily (up to days later), so expiry is checked here too. */
    @Override
    public List<Render> findAll(Collection<String> renderIds) {
        List<Render> found = new ArrayList<>();
        List<String> ids = renderIds.stream().distinct().filter(id -> id != null && !id.isEmpty()).toList();
        long now = clock.instant().getEpochSecond();
        for (int start = 0; start < ids.size(); start += 100) {
            var keys = ids.subList(start, Math.min(ids.size(), start + 100)).stream()
                    .map(id -> Map.of(RENDER_PK, AttributeValue.fromS(id))).toList();
            UnprocessedResends.sendAll(table, Map.of(table, KeysAndAttributes.builder().keys(keys).build()), pending -> {
                var response = dynamo.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).stream()
                        .filter(item -> RenderItems.expiresAt(item) > now)
                        .map(RenderItems::render)
                        .forEach(found::add);
                return response.unprocessedKeys();
            }, unprocessed -> unprocessed.keys().size());
        }
        return found;
    }
}
