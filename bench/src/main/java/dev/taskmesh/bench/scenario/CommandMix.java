package dev.taskmesh.bench.scenario;

import dev.taskmesh.api.comment.CommentRequest;
import dev.taskmesh.api.task.AssignTaskRequest;
import dev.taskmesh.api.task.ChangeStatusRequest;
import dev.taskmesh.api.task.CreateTaskRequest;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.client.TaskMeshClient.Attempt;
import dev.taskmesh.bench.load.Call;
import dev.taskmesh.bench.ws.EpochMicros;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The writes of the fault scenarios, as a client that must not lose work sends them: each command has a key of its
 * own, sent as {@code Idempotency-Key} and {@code X-Request-Id}, and is tried on one node after the other (with a
 * backoff) until one answers 2xx, a refusal says trying again is pointless, or {@link #PATIENCE} runs out. What got a
 * 2xx is acknowledged: the checks afterwards look for exactly those.
 *
 * <p>Per workspace: half the commands create a task, a quarter assign a task not yet assigned to a member (an event
 * and an {@code assigned} notification every time: a command that changes nothing appends nothing), a tenth move an
 * assigned task from {@code todo} to {@code in_progress}, and the rest comment on a task with an {@code @mention} of a
 * member (a {@code mentioned} notification).
 */
final class CommandMix {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** One acknowledged command: its key, what it did, and whom it should have notified (null: nobody). */
    record Acked(String key, Kind kind, String workspace, String task, String recipient, CommandAccepted answer) {}

    enum Kind {
        CREATE,
        ASSIGN,
        MOVE,
        COMMENT
    }

    private final BroadcastSetup setup;
    private final List<TaskMeshClient> writers;
    private final String run;
    private final List<List<String>> tasks = new ArrayList<>();
    private final List<Queue<String>> toAssign = new ArrayList<>();
    private final List<Queue<String>> toMove = new ArrayList<>();
    private final Queue<Acked> acked = new ConcurrentLinkedQueue<>();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();
    private volatile Created created = (key, workspace, sentMicros, answeredMicros) -> {};

    /** Told of every task create acknowledged: its key, workspace index, and its attempt's send and answer times. */
    @FunctionalInterface
    interface Created {
        void created(String key, int workspace, long sentMicros, long answeredMicros);
    }

    /** @param writers the owner signed in at each node, tried in turn */
    CommandMix(BroadcastSetup setup, List<TaskMeshClient> writers, String run) {
        this.setup = setup;
        this.writers = List.copyOf(writers);
        this.run = run;
        for (int w = 0; w < setup.workspaces().size(); w++) {
            tasks.add(new CopyOnWriteArrayList<>());
            toAssign.add(new ConcurrentLinkedQueue<>());
            toMove.add(new ConcurrentLinkedQueue<>());
        }
    }

    /** From now on, {@code listener} hears of every task create acknowledged (a broadcast's frames are timed by it). */
    void onCreated(Created listener) {
        this.created = listener;
    }

    /** Command {@code offset + index} of the mix (a later step goes on where an earlier one stopped). */
    Call call(long offset) {
        return step -> {
            long index = offset + step;
            int workspaces = setup.workspaces().size();
            int w = (int) (index % workspaces);
            int slot = (int) (index / workspaces % 20);
            String key = run + "-c" + index;
            String ws = setup.workspaces().get(w);
            String member = setup.members().get((int) (index % setup.members().size()));
            if (slot >= 10 && slot < 15) {
                String task = toAssign.get(w).poll();
                if (task != null) {
                    return send(
                            key,
                            Kind.ASSIGN,
                            w,
                            task,
                            member,
                            tasksPath(ws, task) + "/assignee",
                            new AssignTaskRequest(member));
                }
            } else if (slot >= 15 && slot < 17) {
                String task = toMove.get(w).poll();
                if (task != null) {
                    return send(
                            key,
                            Kind.MOVE,
                            w,
                            task,
                            null,
                            tasksPath(ws, task) + "/status",
                            new ChangeStatusRequest("in_progress"));
                }
            } else if (slot >= 17 && !tasks.get(w).isEmpty()) {
                List<String> known = tasks.get(w);
                String task = known.get((int) (index / workspaces % known.size()));
                String handle =
                        setup.handles().get((int) (index % setup.members().size()));
                return send(
                        key,
                        Kind.COMMENT,
                        w,
                        task,
                        member,
                        tasksPath(ws, task) + "/comments",
                        new CommentRequest("Looked at it, @" + handle + " please check"));
            }
            return send(
                    key,
                    Kind.CREATE,
                    w,
                    null,
                    null,
                    "/api/workspaces/" + ws + "/projects/" + setup.projects().get(w) + "/tasks",
                    new CreateTaskRequest(title(index), null, null));
        };
    }

    private boolean send(String key, Kind kind, int w, String task, String recipient, String path, Object body)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int attempt = 0; ; attempt++) {
            long sent = EpochMicros.now();
            Attempt answer = writers.get((int) ((key.hashCode() & 0x7fffffffL) + attempt) % writers.size())
                    .attempt(path, body, key);
            if (answer.accepted() != null) {
                long answered = EpochMicros.now();
                String id = kind == Kind.CREATE ? answer.accepted().id() : task;
                acked.add(new Acked(key, kind, setup.workspaces().get(w), id, recipient, answer.accepted()));
                switch (kind) {
                    case CREATE -> {
                        tasks.get(w).add(id);
                        toAssign.get(w).add(id);
                        created.created(key, w, sent, answered);
                    }
                    case ASSIGN -> toMove.get(w).add(id);
                    default -> {
                        // nothing follows a move or a comment
                    }
                }
                return true;
            }
            if (!answer.retryable()) {
                refused.increment();
                if (refusals.size() < 5) {
                    refusals.add(kind + " " + answer.status() + " " + answer.problem());
                }
                return false;
            }
            if (System.nanoTime() > deadline) {
                abandoned.increment();
                return false;
            }
            retried.increment();
            // the other node at once; after a full round, a backoff that grows to a second
            if (attempt % writers.size() == writers.size() - 1) {
                Thread.sleep(Math.min(1_000, 100L << Math.min(attempt, 4)));
            }
        }
    }

    /** Words the titles are made of, so that searches find something: two of them and the command's number. */
    static final List<String> WORDS = List.of(
            "invoice", "release", "design", "backend", "login", "report", "billing", "onboarding", "mobile", "export");

    private static String title(long index) {
        return WORDS.get((int) (index % 10)) + " " + WORDS.get((int) (index / 10 % 10)) + " task " + index;
    }

    /** Tasks acknowledged in workspace {@code w} so far. */
    List<String> tasks(int w) {
        return tasks.get(w);
    }

    private static String tasksPath(String workspace, String task) {
        return "/api/workspaces/" + workspace + "/tasks/" + task;
    }

    List<Acked> acked() {
        return List.copyOf(acked);
    }

    /** Commands given up after {@link #PATIENCE} without a 2xx: not acknowledged, so not looked for. */
    long abandoned() {
        return abandoned.sum();
    }

    /** Commands the server refused (a 4xx other than a busy key): a defect of the mix or of the server. */
    long refused() {
        return refused.sum();
    }

    List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** Attempts beyond each command's first. */
    long retried() {
        return retried.sum();
    }
}
