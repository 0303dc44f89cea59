package dev.taskmesh.command.config;

import dev.taskmesh.api.wire.CommandAccepted;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends a command and answers with what the client needs to follow up: the aggregate's new version and the global
 * position of its last event. Every aggregate handler returns its version (AggregateLifecycle.getVersion()), so the
 * position is looked up by (aggregate, sequence): exact even when another command touches the aggregate right after.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final JdbcClient jdbc;

    CommandSender(CommandGateway gateway, JdbcClient jdbc) {
        this.gateway = gateway;
        this.jdbc = jdbc;
    }

    public CommandAccepted send(Object command, Object aggregateId) {
        long version = gateway.<Long>sendAndWait(command);
        long globalPosition = jdbc.sql("""
                        SELECT global_index FROM domain_event_entry
                        WHERE aggregate_identifier = :aggregateId AND sequence_number = :version
                        """)
                .param("aggregateId", aggregateId.toString())
                .param("version", version)
                .query(Long.class)
                .single();
        return new CommandAccepted(aggregateId.toString(), version, globalPosition);
    }
}
