package dev.taskmesh.server.bulk;

import dev.taskmesh.command.account.AccountRegistration;
import dev.taskmesh.server.TaskMeshApplication;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code java -jar taskmesh-server.jar import --tasks=N ...}: starts TaskMesh without its web server on the
 * configured (or embedded) PostgreSQL and Redis, seeds it, prints a one-line JSON summary and exits. Bad arguments
 * exit with status 2 and say why.
 */
public final class ImportCommand {

    private ImportCommand() {}

    /** @param springArguments extra Spring arguments, such as {@code --spring.datasource.url=...} */
    public static int run(List<String> arguments, String... springArguments) {
        ImportOptions options;
        try {
            options = ImportOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println("import: " + e.getMessage());
            System.err.println("usage: taskmesh-server.jar import --tasks=N [--projects=10] [--threads=4] [--batch=100]"
                    + " [--email=...] [--password=...]");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TaskMeshApplication.class)
                .web(WebApplicationType.NONE)
                .run(springArguments)) {
            BulkImport bulk = new BulkImport(
                    context.getBean(CommandGateway.class),
                    context.getBean(AccountRegistration.class),
                    context.getBean(TransactionTemplate.class));
            System.out.println(bulk.run(options).json());
            return 0;
        } catch (Exception e) {
            System.err.println("import failed: " + e.getMessage());
            return 1;
        }
    }
}
