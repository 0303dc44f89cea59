package dev.taskmesh.server.export;

import java.time.Clock;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/** The operator's workspace export (docs/operations.md#one-workspaces-export). */
@Configuration(proxyBeanMethods = false)
class ExportConfig {

    @Bean
    WorkspaceExport workspaceExport(
            JdbcClient jdbc,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon,
            JsonMapper json,
            Clock clock,
            PlatformTransactionManager transactions) {
        return new WorkspaceExport(jdbc, eventSerializer, axon.upcasterChain(), json, clock, transactions);
    }
}
