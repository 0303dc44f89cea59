package dev.taskmesh.command.config;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The command side as the server composes it. Its services (sending commands, registration, lookups) are always
 * there; its Axon handlers (aggregates and the subscribing lookups they consult) only where
 * {@code taskmesh.command.enabled} is true, the default. A node without them refuses commands with 503.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
        basePackages = "dev.taskmesh.command",
        excludeFilters = {
            @Filter(
                    type = FilterType.ANNOTATION,
                    classes = {Aggregate.class, ProcessingGroup.class}),
            @Filter(
                    type = FilterType.ASSIGNABLE_TYPE,
                    classes = {CommandSideConfiguration.class, CommandSideConfiguration.Handlers.class})
        })
public class CommandSideConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "taskmesh.command.enabled", matchIfMissing = true)
    @ComponentScan(
            basePackages = "dev.taskmesh.command",
            useDefaultFilters = false,
            includeFilters =
                    @Filter(
                            type = FilterType.ANNOTATION,
                            classes = {Aggregate.class, ProcessingGroup.class}))
    static class Handlers {}
}
