package dev.taskmesh.server.config;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A failing event handler stops its processor instead of being skipped. Axon's default logs the failure and moves
 * on, which for a subscribing group (membership, the registries) would commit a command whose lookup row was never
 * written, and for a projection would lose the event from its read model for good. Propagated, the first fails the
 * command and rolls it back; the second makes the processor retry the batch until the cause is fixed.
 */
@Configuration(proxyBeanMethods = false)
class EventHandlingConfig {

    @Bean
    ConfigurerModule failingHandlersStopTheirProcessor() {
        return configurer -> configurer
                .eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
