package dev.taskmesh.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one runnable. Scans the sides' packages so that each contributes its aggregates, projections and relays. */
@SpringBootApplication(scanBasePackages = "dev.taskmesh")
@ConfigurationPropertiesScan("dev.taskmesh")
public class TaskMeshApplication {

    public static void main(String[] args) {
        // Axon asks a remote service for updates unless told not to; this machine and many production ones are offline
        System.setProperty("axoniq.update-checker.disabled", "true");
        EmbeddedInfrastructure.startUnlessConfigured(System.getenv());
        SpringApplication.run(TaskMeshApplication.class, args);
    }
}
