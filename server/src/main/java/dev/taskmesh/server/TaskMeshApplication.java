package dev.taskmesh.server;

import dev.taskmesh.command.config.CommandSideConfiguration;
import dev.taskmesh.query.config.QuerySideConfiguration;
import dev.taskmesh.realtime.config.RealtimeConfiguration;
import dev.taskmesh.server.bulk.ImportCommand;
import dev.taskmesh.server.notification.delivery.DeadLetterCommand;
import dev.taskmesh.server.rebuild.RebuildCommand;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The one runnable. Each side comes in through its own configuration, which holds the switch that lets a node run
 * without it ({@code taskmesh.command.enabled}, {@code taskmesh.query.enabled}).
 */
@SpringBootApplication
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class, RealtimeConfiguration.class})
@ConfigurationPropertiesScan("dev.taskmesh")
public class TaskMeshApplication {

    public static void main(String[] args) {
        // Axon asks a remote service for updates unless told not to; this machine and many production ones are offline
        System.setProperty("axoniq.update-checker.disabled", "true");
        EmbeddedInfrastructure.startUnlessConfigured(System.getenv());
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(ImportCommand.run(List.of(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("rebuild")) {
            System.exit(RebuildCommand.run(List.of(args).subList(1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals("dead-letters")) {
            System.exit(DeadLetterCommand.run(List.of(args).subList(1, args.length), System.out));
        }
        SpringApplication.run(TaskMeshApplication.class, args);
    }
}
