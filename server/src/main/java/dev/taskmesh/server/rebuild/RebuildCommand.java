package dev.taskmesh.server.rebuild;

import dev.taskmesh.server.TaskMeshApplication;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar taskmesh-server.jar rebuild <read model>... | --all | --list}: rebuilds read models from the
 * event store while the servers keep serving, with a progress bar on the terminal (events done of total, rate, time
 * left). Exits 0 when every rebuild switched over, 1 when one failed, 2 for bad arguments.
 */
public final class RebuildCommand {

    private static final int BAR = 30;

    private RebuildCommand() {}

    public static int run(List<String> arguments, PrintStream out, String... springArguments) {
        if (arguments.isEmpty()) {
            out.println("usage: taskmesh-server.jar rebuild <read model>... | --all | --list");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TaskMeshApplication.class)
                .web(WebApplicationType.NONE)
                .run(springArguments)) {
            Rebuilds rebuilds = context.getBean(Rebuilds.class);
            if (arguments.equals(List.of("--list"))) {
                rebuilds.names().forEach(out::println);
                return 0;
            }
            List<String> names = arguments.equals(List.of("--all")) ? rebuilds.names() : arguments;
            List<String> unknown = new ArrayList<>(
                    names.stream().filter(name -> !rebuilds.exists(name)).toList());
            if (!unknown.isEmpty()) {
                out.println("rebuild: no read model named " + String.join(", ", unknown) + "; rebuildable: "
                        + String.join(", ", rebuilds.names()));
                return 2;
            }
            boolean terminal = System.console() != null;
            int status = 0;
            for (String name : names) {
                RebuildProgress end = rebuilds.run(name, progress -> show(out, progress, terminal));
                out.println();
                if (end.state() != RebuildProgress.State.DONE) {
                    out.println("rebuild of " + name + " failed: " + end.error());
                    status = 1;
                }
            }
            return status;
        } catch (Rebuilds.RebuildRunning e) {
            out.println("rebuild: " + e.getMessage());
            return 1;
        }
    }

    private static long lastLine;

    /** One line, redrawn in place on a terminal; elsewhere a line every five seconds and at each change of state. */
    static void show(PrintStream out, RebuildProgress progress, boolean terminal) {
        String line = line(progress);
        if (terminal) {
            out.print("\r" + line);
        } else if (progress.state() != RebuildProgress.State.REPLAYING
                || System.currentTimeMillis() - lastLine > 5_000) {
            out.println(line);
            lastLine = System.currentTimeMillis();
        }
        out.flush();
    }

    static String line(RebuildProgress p) {
        int filled = (int) Math.round(p.fraction() * BAR);
        String eta = p.etaSeconds() == null
                ? "--:--"
                : String.format(Locale.ROOT, "%d:%02d", p.etaSeconds() / 60, p.etaSeconds() % 60);
        return String.format(
                Locale.ROOT,
                "%-14s [%s%s] %3d%% %,d/%,d events %,.0f/s ETA %s %s",
                p.projection(),
                "#".repeat(filled),
                ".".repeat(BAR - filled),
                Math.round(p.fraction() * 100),
                p.done(),
                p.total(),
                p.eventsPerSecond(),
                eta,
                p.state().wireName());
    }
}
