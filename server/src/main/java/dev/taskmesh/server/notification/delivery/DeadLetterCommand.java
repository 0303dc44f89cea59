package dev.taskmesh.server.notification.delivery;

import dev.taskmesh.server.TaskMeshApplication;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar taskmesh-server.jar dead-letters list | retry <deliveryId> | retry --all}: the operator's view of
 * deliveries that failed every attempt. {@code list} prints one JSON object per line; {@code retry} queues deliveries
 * again with a fresh set of attempts (the same delivery ids, so receivers still de-duplicate). Exit status 0 when
 * done, 1 when the named dead letter does not exist or the command failed, 2 for bad arguments.
 */
public final class DeadLetterCommand {

    private static final String USAGE =
            "usage: taskmesh-server.jar dead-letters list | retry <deliveryId> | retry --all";
    private static final int LIMIT = 10_000;

    private DeadLetterCommand() {}

    public static int run(List<String> arguments, PrintStream out, String... springArguments) {
        boolean list = arguments.equals(List.of("list"));
        boolean retryAll = arguments.equals(List.of("retry", "--all"));
        UUID one = null;
        if (!list && !retryAll) {
            if (arguments.size() != 2 || !arguments.getFirst().equals("retry")) {
                System.err.println(USAGE);
                return 2;
            }
            try {
                one = UUID.fromString(arguments.get(1));
            } catch (IllegalArgumentException e) {
                System.err.println("dead-letters: not a delivery id: " + arguments.get(1));
                System.err.println(USAGE);
                return 2;
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TaskMeshApplication.class)
                .web(WebApplicationType.NONE)
                .run(springArguments)) {
            DeadLetters deadLetters = context.getBean(DeadLetters.class);
            if (list) {
                JsonMapper json = context.getBean(JsonMapper.class);
                deadLetters.list(LIMIT).forEach(letter -> out.println(json.writeValueAsString(letter)));
                return 0;
            }
            if (retryAll) {
                long retried = deadLetters.list(LIMIT).stream()
                        .filter(letter -> deadLetters.retry(letter.deliveryId()))
                        .count();
                out.println("{\"retried\":" + retried + "}");
                return 0;
            }
            if (deadLetters.retry(one)) {
                out.println("{\"retried\":1}");
                return 0;
            }
            System.err.println("dead-letters: no dead letter " + one);
            return 1;
        } catch (Exception e) {
            System.err.println("dead-letters failed: " + e.getMessage());
            return 1;
        }
    }
}
