package dev.promptloop.store;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.refinement.RefinedVersion;
import dev.promptloop.refinement.VersionPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PENDING;
import static dev.promptloop.store.TableSchemas.PROMPT_PK;

/**
 * Publishes a refined version in one transaction across the prompts and feedback tables:
 * <ol>
 * <li>the version item, on condition it does not exist;</li>
 * <li>the head: latest version, label moved, usage counted, on condition that latest and production are what the
 * refinement read (so no number is skipped or taken twice);</li>
 * <li>the history event that records it (and a rollback mark when it rolls a version back);</li>
 * <li>each consumed feedback item: marked consumed and dropped from the pending index, on condition it was still
 * pending (so no feedback is used twice);</li>
 * <li>the regression cases made of it, and the cases dropped to make room for them.</li>
 * </ol>
 */
@StorageBoundary
@ApplicationScoped
public class DynamoVersionPublisher implements VersionPublisher {

    private final DynamoDbClient dynamo;
    private final TableNames tables;

    public DynamoVersionPublisher(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    @Override
    public void recordUsage(String promptId, RefinementUsage usage, Optional<HistoryEntry> event) {
        var key = PromptItems.key(promptId, PromptItems.HEAD);
        Map<String, AttributeValue> values = Map.of(":usage", HeadItems.usage(usage));
        if (event.isEmpty()) {
            dynamo.updateItem(u -> u.tableName(tables.prompts()).key(key).updateExpression("SET #usage = :usage")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#usage", HeadItems.USAGE, "#pk", PROMPT_PK))
                    .expressionAttributeValues(values));
            return;
        }
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.prompts()).key(key)
                .updateExpression("SET #usage = :usage")
                .conditionExpression("attribute_exists(#pk) AND " + HeadItems.NO_EMBEDDED_HISTORY)
                .expressionAttributeNames(Map.of("#usage", HeadItems.USAGE, "#pk", PROMPT_PK,
                        "#history", HeadItems.HISTORY))
                .expressionAttributeValues(Map.of(":usage", HeadItems.usage(usage), ":none", number(0)))
                .build()).build());
        actions.addAll(HistoryWrites.puts(tables.prompts(), promptId, List.of(event.get())));
        HeadWrites.commit(dynamo, tables.prompts(), promptId, actions,
                () -> "prompt '" + promptId + "' is gone; its refinement usage was not recorded");
    }

    /** A change to one feedback item, on condition it is still pending (no other refinement took it meanwhile). */
    private TransactWriteItem feedbackUpdate(Feedback feedback, String expression, Map<String, String> names,
            Map<String, AttributeValue> values) {
        var allNames = new HashMap<>(names);
        allNames.put("#pending", FEEDBACK_PENDING);
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.feedback())
                .key(FeedbackItems.key(feedback)).updateExpression(expression)
                .conditionExpression("attribute_exists(#pending)")
                .expressionAttributeNames(allNames).expressionAttributeValues(values)
                .build()).build();
    }

    @Override
    public void publish(RefinedVersion refined) {
        var version = refined.version();
        var head = refined.basedOn();
        var expression = HeadExpression.of(refined.headUpdate())
                .set("#usage = :usage", Map.of("#usage", HeadItems.USAGE),
                        Map.of(":usage", HeadItems.usage(refined.usage())))
                .condition("#labels.#production = :production", Map.of("#labels", HeadItems.LABELS,
                        "#production", Labels.PRODUCTION), Map.of(":production", number(head.production())))
                // archived while it ran: it publishes nothing, and its feedback stays pending for un-archiving
                .condition("(attribute_not_exists(#archived) OR #archived = :notArchived)",
                        Map.of("#archived", HeadItems.ARCHIVED), Map.of(":notArchived", AttributeValue.fromBool(false)));
        List<TransactWriteItem> actions = new ArrayList<>(VersionWrites.newVersion(tables.prompts(), head, version,
                expression));
        for (Feedback feedback : refined.consumed()) {
            actions.add(feedbackUpdate(feedback, "SET #consumedBy = :version REMOVE #pending",
                    Map.of("#consumedBy", FeedbackItems.CONSUMED_BY), Map.of(":version", number(version.version()))));
        }
        var tried = Map.of(":tried", AttributeValue.fromL(List.of(number(version.version()))),
                ":none", AttributeValue.fromL(List.of()));
        for (Feedback feedback : refined.retried()) {
            actions.add(feedbackUpdate(feedback, "SET #triedBy = list_append(if_not_exists(#triedBy, :none), :tried)",
                    Map.of("#triedBy", FeedbackItems.TRIED_BY), tried));
        }
        for (Feedback feedback : refined.parked()) {
            var values = new HashMap<>(tried);
            values.put(":version", number(version.version()));
            actions.add(feedbackUpdate(feedback, "SET #triedBy = list_append(if_not_exists(#triedBy, :none), :tried), "
                    + "#unresolvedBy = :version REMOVE #pending", Map.of("#triedBy", FeedbackItems.TRIED_BY,
                    "#unresolvedBy", FeedbackItems.UNRESOLVED_BY), values));
        }
        actions.addAll(SuiteWrites.of(tables.prompts(), head.promptId(), refined.suite(), false));
        actions.addAll(HistoryWrites.puts(tables.prompts(), head.promptId(), refined.headUpdate().history()));
        HeadWrites.commit(dynamo, tables.prompts(), head.promptId(), actions, () -> "prompt '" + head.promptId()
                + "' changed or its feedback was consumed while refining; version " + version.version()
                + " was not written");
    }
}
