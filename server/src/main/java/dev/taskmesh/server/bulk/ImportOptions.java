package dev.taskmesh.server.bulk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of {@code taskmesh-server.jar import}: {@code --tasks=N} (required), {@code --workspaces=W} (default 1,
 * all owned by the one user), {@code --members=M} other users in every workspace (default 0: they widen the activity
 * feed's fan-out), {@code --projects=P} per workspace (default 10), {@code --threads=T} (default 4), {@code --batch=B}
 * commands per transaction (default 100), {@code --email=} and {@code --password=} of the owner it registers (defaults:
 * a fresh bench address and a random password, which the summary then prints so the seeded workspace can be used).
 */
record ImportOptions(
        int tasks, int workspaces, int members, int projects, int threads, int batch, String email, String password) {

    private static final Set<String> NAMES =
            Set.of("tasks", "workspaces", "members", "projects", "threads", "batch", "email", "password");

    /** @throws IllegalArgumentException with a message fit for the command line */
    static ImportOptions parse(List<String> arguments) {
        Map<String, String> values = new HashMap<>();
        for (String argument : arguments) {
            if (!argument.startsWith("--") || !argument.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got: " + argument);
            }
            String name = argument.substring(2, argument.indexOf('='));
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; options: " + NAMES);
            }
            values.put(name, argument.substring(argument.indexOf('=') + 1));
        }
        if (!values.containsKey("tasks")) {
            throw new IllegalArgumentException("--tasks=N is required");
        }
        long stamp = System.currentTimeMillis();
        return new ImportOptions(
                number(values, "tasks", 1, 100_000_000, 0),
                number(values, "workspaces", 1, 100_000, 1),
                number(values, "members", 0, 1_000, 0),
                number(values, "projects", 1, 10_000, 10),
                number(values, "threads", 1, 64, 4),
                number(values, "batch", 1, 10_000, 100),
                values.getOrDefault("email", "import-" + stamp + "@bench.taskmesh.dev"),
                values.getOrDefault("password", null));
    }

    private static int number(Map<String, String> values, String name, int min, int max, int fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number from " + min + " to " + max);
    }

    @Override
    public String toString() {
        // never print the password
        return "ImportOptions[tasks=" + tasks + ", workspaces=" + workspaces + ", members=" + members + ", projects="
                + projects + ", threads=" + threads + ", batch=" + batch + ", email=" + email + "]";
    }
}
