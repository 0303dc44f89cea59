package dev.taskmesh.command.config;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Processing groups whose tables back command-side rules must be subscribing: their handlers then run inside the
 * command's unit of work and transaction, so a rule never reads a lookup that lags behind the event store.
 */
@Configuration(proxyBeanMethods = false)
class CommandSideProcessing {

    @Bean
    ConfigurerModule subscribingCommandSideGroups() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor("project-registry")
                .registerSubscribingEventProcessor("task-registry");
    }
}
