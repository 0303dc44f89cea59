package dev.taskmesh.server.poison;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every streaming processor's poison-event policy, and the operator's dead letters
 * (docs/operations.md#poison-events).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PoisonProperties.class)
class PoisonConfig {

    @Bean
    ProcessorDeadLetters processorDeadLetters(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        return new ProcessorDeadLetters(jdbc, clock, meters);
    }

    @Bean
    ConfigurerModule poisonEventPolicy(
            PoisonProperties properties, ProcessorDeadLetters deadLetters, DataSource dataSource) {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultHandlerInterceptor((config, processor) ->
                        new PoisonEventPolicy(processor, properties.attemptsOf(processor), deadLetters, dataSource));
    }

    @Bean
    DeadLetterRetry deadLetterRetry(
            ProcessorDeadLetters deadLetters,
            EventProcessingConfiguration processing,
            EventStorageEngine events,
            PlatformTransactionManager transactions) {
        return new DeadLetterRetry(deadLetters, processing, events, new TransactionTemplate(transactions));
    }
}
