package dev.promptloop.store;

import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.suite.CaseRepository;
import dev.promptloop.suite.RegressionCase;
import dev.promptloop.suite.SuiteChange;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.TableSchemas.PROMPT_PK;
import static dev.promptloop.store.TableSchemas.PROMPT_SK;

/**
 * Each prompt's regression suite, as {@link CaseItems} in the prompt's partition of the prompts table: read by case
 * id; changed by the owner in one transaction with the history event that records it, on condition the head exists
 * (and, for a deletion, the case).
 */
@StorageBoundary
@ApplicationScoped
public class DynamoCaseStore implements CaseRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCaseStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.prompts();
    }

    @Override
    public Page<RegressionCase> list(String promptId, PageRequest page) {
        return QueryPages.read(dynamo, query(promptId).build(), promptId, page, CaseItems.SORT_KEY)
                .map(CaseItems::regressionCase);
    }

    @Override
    public List<RegressionCase> all(String promptId) {
        return dynamo.queryPaginator(query(promptId).build()).items().stream().map(CaseItems::regressionCase)
                .toList();
    }

    @Override
    public Optional<RegressionCase> find(String promptId, String caseId) {
        var item = dynamo.getItem(g -> g.tableName(table).key(CaseItems.key(promptId, caseId)).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(CaseItems.regressionCase(item));
    }

    @Override
    public void change(String promptId, SuiteChange change, HistoryEntry entry) {
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(PromptItems.key(promptId, PromptItems.HEAD))
                .conditionExpression("attribute_exists(#pk) AND " + HeadItems.NO_EMBEDDED_HISTORY)
                .expressionAttributeNames(Map.of("#pk", PROMPT_PK, "#history", HeadItems.HISTORY))
                .expressionAttributeValues(Map.of(":none", number(0))).build()).build());
        actions.addAll(SuiteWrites.of(table, promptId, change, true));
        actions.addAll(HistoryWrites.puts(table, promptId, List.of(entry)));
        HeadWrites.commit(dynamo, table, promptId, actions, () -> "the regression suite of prompt '" + promptId
                + "' changed while it was being changed; read it again and retry");
    }

    private QueryRequest.Builder query(String promptId) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PROMPT_PK, "#sk", PROMPT_SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(promptId),
                        ":prefix", AttributeValue.fromS(CaseItems.PREFIX)));
    }
}
