package dev.promptloop.store;

import dev.promptloop.suite.SuiteChange;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.promptloop.store.TableSchemas.PROMPT_PK;

/** A change to a regression suite as actions of the transaction that makes it. */
final class SuiteWrites {

    private SuiteWrites() {
    }

    /**
     * @param deletedMustExist whether a deletion requires its case (an owner's, who named it) or drops whatever is
     *        there (room made by refinement)
     */
    static List<TransactWriteItem> of(String table, String promptId, SuiteChange change, boolean deletedMustExist) {
        List<TransactWriteItem> actions = new ArrayList<>();
        change.puts().forEach(c -> actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(CaseItems.item(promptId, c)).build()).build()));
        for (String caseId : change.deletes()) {
            var delete = Delete.builder().tableName(table).key(CaseItems.key(promptId, caseId));
            if (deletedMustExist) {
                delete.conditionExpression("attribute_exists(#pk)").expressionAttributeNames(Map.of("#pk", PROMPT_PK));
            }
            actions.add(TransactWriteItem.builder().delete(delete.build()).build());
        }
        return actions;
    }
}
