package dev.taskmesh.server.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The node's operational surface: docs/operations.md#metrics and #health. */
@Configuration(proxyBeanMethods = false)
class OperationsConfig {

    @Bean
    ProcessorLag processorLag(JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        return new ProcessorLag(jdbc, json, clock, meters);
    }

    @Bean
    SmartInitializingSingleton commandTimer(CommandBus commandBus, MeterRegistry meters) {
        return () -> commandBus.registerHandlerInterceptor(new CommandTimer(meters));
    }

    /** Registered before any other handler interceptor, so their log lines carry the event's context too. */
    @Bean
    ConfigurerModule eventLogContext() {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer
                        .eventProcessing()
                        .registerDefaultHandlerInterceptor((config, name) -> new EventLogContext(name));
            }

            @Override
            public int order() {
                return Integer.MIN_VALUE;
            }
        };
    }

    /** The cap of open connections (Tomcat's), beside the gauge of open WebSockets, for the alert near it. */
    @Bean
    Gauge connectionLimit(@Value("${server.tomcat.max-connections:8192}") int limit, MeterRegistry meters) {
        return Gauge.builder("taskmesh.realtime.connections.limit", () -> limit)
                .description("Connections this node accepts at most (TASKMESH_MAX_CONNECTIONS)")
                .register(meters);
    }

    /** Replaces Spring's Redis check, which the health auto-configuration leaves out for a bean of this name. */
    @Bean
    HealthIndicator redisHealthContributor(RedisConnectionFactory connections) {
        return new DegradedRedisHealth(connections);
    }

    @Bean
    HealthIndicator processorsHealthIndicator(EventProcessingConfiguration processing) {
        return new ProcessorsHealth(processing);
    }

    @Bean
    ShutdownDrain shutdownDrain(
            @Value("${taskmesh.shutdown.drain:0s}") Duration drain, ApplicationEventPublisher events) {
        return new ShutdownDrain(drain, events);
    }
}
