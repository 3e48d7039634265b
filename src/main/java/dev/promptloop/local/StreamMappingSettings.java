package dev.promptloop.local;

import java.time.Duration;

/**
 * The failure-handling settings of a DynamoDB event source mapping, named as in the template's stream event.
 *
 * @param batchSize              BatchSize
 * @param maxRetries             MaximumRetryAttempts
 * @param bisectOnFunctionError  BisectBatchOnFunctionError
 * @param maxRecordAge           MaximumRecordAgeInSeconds
 */
public record StreamMappingSettings(int batchSize, int maxRetries, boolean bisectOnFunctionError,
        Duration maxRecordAge) {

    /** The refine function's stream event in infra/template.yaml (TemplateContractTest keeps the two equal). */
    public static final StreamMappingSettings TEMPLATE = new StreamMappingSettings(25, 2, true, Duration.ofHours(1));
}
