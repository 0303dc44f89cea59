package dev.taskmesh.server.bulk;

import dev.taskmesh.api.account.UserId;
import dev.taskmesh.api.project.CreateProjectCommand;
import dev.taskmesh.api.project.ProjectId;
import dev.taskmesh.api.task.CreateTaskCommand;
import dev.taskmesh.api.task.TaskId;
import dev.taskmesh.api.workspace.AddMemberCommand;
import dev.taskmesh.api.workspace.CreateWorkspaceCommand;
import dev.taskmesh.api.workspace.WorkspaceId;
import dev.taskmesh.api.workspace.WorkspaceRole;
import dev.taskmesh.command.account.AccountRegistration;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds a workspace with many tasks through the same commands as the HTTP path, so the event store holds exactly
 * what users would have produced: one owner, workspaces with their members, projects, and tasks spread over them.
 * Commands go straight to the command gateway, {@code batch} of them per transaction, on several threads; the
 * projections catch up as they would after any burst.
 */
final class BulkImport {

    private static final Logger log = LoggerFactory.getLogger(BulkImport.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandGateway commands;
    private final AccountRegistration registration;
    private final TransactionTemplate transactions;

    BulkImport(CommandGateway commands, AccountRegistration registration, TransactionTemplate transactions) {
        this.commands = commands;
        this.registration = registration;
        this.transactions = transactions;
    }

    /** {@code generatedPassword} is null when the caller chose the password: only a generated one is printed. */
    record Summary(
            String userId,
            String email,
            String generatedPassword,
            String workspaceId,
            int workspaces,
            List<String> projectIds,
            long tasks,
            double seconds) {

        String json() {
            return String.format(
                    Locale.ROOT,
                    "{\"userId\":\"%s\",\"email\":\"%s\",%s\"workspaceId\":\"%s\",\"workspaces\":%d,\"projects\":%d,"
                            + "\"tasks\":%d,\"seconds\":%.1f,\"tasksPerSecond\":%.0f}",
                    userId,
                    email,
                    generatedPassword == null ? "" : "\"password\":\"" + generatedPassword + "\",",
                    workspaceId,
                    workspaces,
                    projectIds.size(),
                    tasks,
                    seconds,
                    tasks / seconds);
        }
    }

    private static String randomPassword() {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    Summary run(ImportOptions options) throws Exception {
        long started = System.nanoTime();
        String handle = "import" + Long.toString(System.currentTimeMillis(), 36);
        String generated = options.password() == null ? randomPassword() : null;
        String password = generated == null ? options.password() : generated;
        UserId owner = UserId.parse(registration
                .register(options.email(), handle, "Bulk import", new BCryptPasswordEncoder().encode(password))
                .id());
        List<UserId> members = new ArrayList<>();
        String memberPassword = new BCryptPasswordEncoder().encode(randomPassword());
        for (int m = 0; m < options.members(); m++) {
            members.add(UserId.parse(registration
                    .register(
                            handle + "-member" + m + "@bench.taskmesh.dev",
                            handle + "m" + m,
                            "Member " + m,
                            memberPassword)
                    .id()));
        }
        List<WorkspaceId> workspaces = new ArrayList<>();
        List<ProjectId> projects = new ArrayList<>();
        List<WorkspaceId> projectWorkspaces = new ArrayList<>();
        for (int w = 0; w < options.workspaces(); w++) {
            WorkspaceId workspace = WorkspaceId.random();
            commands.sendAndWait(new CreateWorkspaceCommand(
                    workspace, options.workspaces() == 1 ? "Imported" : "Imported " + (w + 1), owner));
            workspaces.add(workspace);
            for (UserId member : members) {
                commands.sendAndWait(new AddMemberCommand(workspace, member, WorkspaceRole.MEMBER, owner));
            }
            for (int p = 0; p < options.projects(); p++) {
                ProjectId project = ProjectId.random();
                commands.sendAndWait(new CreateProjectCommand(project, workspace, "Project " + (p + 1), null, owner));
                projects.add(project);
                projectWorkspaces.add(workspace);
            }
        }

        AtomicLong created = new AtomicLong();
        AtomicLong next = new AtomicLong();
        try (ExecutorService threads = Executors.newFixedThreadPool(options.threads())) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < options.threads(); t++) {
                workers.add(threads.submit(() -> {
                    long from;
                    while ((from = next.getAndAdd(options.batch())) < options.tasks()) {
                        long to = Math.min(from + options.batch(), options.tasks());
                        long first = from;
                        transactions.executeWithoutResult(status -> {
                            for (long i = first; i < to; i++) {
                                int slot = (int) (i % projects.size());
                                commands.sendAndWait(new CreateTaskCommand(
                                        TaskId.random(),
                                        projectWorkspaces.get(slot),
                                        projects.get(slot),
                                        SampleText.title(i),
                                        SampleText.description(i),
                                        null,
                                        owner));
                            }
                        });
                        long done = created.addAndGet(to - from);
                        if (done % 10_000 < options.batch()) {
                            log.info("imported {} of {} tasks", done, options.tasks());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Summary(
                owner.toString(),
                options.email(),
                generated,
                workspaces.getFirst().toString(),
                workspaces.size(),
                projects.stream().map(ProjectId::toString).toList(),
                created.get(),
                seconds);
    }
}
