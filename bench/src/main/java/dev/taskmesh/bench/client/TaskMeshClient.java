package dev.taskmesh.bench.client;

import dev.taskmesh.api.account.LoginRequest;
import dev.taskmesh.api.account.RegisterRequest;
import dev.taskmesh.api.account.TokenPair;
import dev.taskmesh.api.project.CreateProjectRequest;
import dev.taskmesh.api.task.AssignTaskRequest;
import dev.taskmesh.api.task.ChangeStatusRequest;
import dev.taskmesh.api.task.CreateTaskRequest;
import dev.taskmesh.api.wire.CommandAccepted;
import dev.taskmesh.api.workspace.AddMemberRequest;
import dev.taskmesh.api.workspace.CreateWorkspaceRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * TaskMesh's public HTTP API as the load generator uses it: the wire records of shared-api over the JDK's HTTP
 * client, which keeps connections alive and opens more as concurrency grows.
 */
public final class TaskMeshClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;
    private String token;

    public TaskMeshClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A user signed in elsewhere (its access token known), talking to {@code base}. */
    public static TaskMeshClient withToken(URI base, String accessToken) {
        TaskMeshClient client = new TaskMeshClient(base);
        client.token = accessToken;
        return client;
    }

    /** The same user, signed in, talking to another node (or to a restarted one on a new port). */
    public TaskMeshClient at(URI otherBase) {
        TaskMeshClient moved = new TaskMeshClient(otherBase);
        moved.token = token;
        return moved;
    }

    /** Registers a fresh user and keeps its access token for the calls that follow. */
    public void signUp(String handle) throws IOException, InterruptedException {
        String email = handle + "@bench.taskmesh.dev";
        String password = "bench-password-" + handle;
        expect(201, post("/api/auth/register", new RegisterRequest(email, handle, handle, password)));
        token = JSON.readValue(
                        expect(200, post("/api/auth/login", new LoginRequest(email, password)))
                                .body(),
                        TokenPair.class)
                .accessToken();
    }

    /** Signs in an existing user (one the server's import registered) and keeps its access token. */
    public void signIn(String email, String password) throws IOException, InterruptedException {
        token = JSON.readValue(
                        expect(200, post("/api/auth/login", new LoginRequest(email, password)))
                                .body(),
                        TokenPair.class)
                .accessToken();
    }

    /** A read; anything but 200 is an error. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(read(path).body());
    }

    /**
     * A read, with the duration the server gives for {@code metric} in its {@code Server-Timing} header (NaN when it
     * gives none) and the round trip from the send to the whole body received, before it is parsed; anything but 200
     * is an error.
     */
    public Timed getTimed(String path, String metric) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        HttpResponse<String> response = read(path);
        long roundTrip = System.nanoTime() - sent;
        double millis = response.headers().allValues("Server-Timing").stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .map(entry -> entry.trim().split(";"))
                .filter(parts -> parts[0].trim().equals(metric))
                .flatMap(parts -> Arrays.stream(parts).skip(1))
                .map(String::trim)
                .filter(parameter -> parameter.startsWith("dur="))
                .mapToDouble(parameter -> Double.parseDouble(parameter.substring(4)))
                .findFirst()
                .orElse(Double.NaN);
        return new Timed(response.body(), millis, roundTrip);
    }

    private HttpResponse<String> read(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .build();
        return expect(200, http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * A response's body, unparsed (a scenario at a hundred requests a second shares the machine with the server, and
     * parsing every answer into a tree cost it more than the HTTP exchange), the server's own time for one
     * {@code Server-Timing} metric, and the round trip.
     */
    public record Timed(String body, double serverMillis, long roundTripNanos) {}

    /** The access token of the signed-up user, as WebSocket clients offer it. */
    public String accessToken() {
        return token;
    }

    /** The signed-in user's id. */
    public String userId() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/users/me"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(expect(200, response).body()).path("id").asString();
    }

    public void addMember(String workspace, String userId, String role) throws IOException, InterruptedException {
        expect(201, post("/api/workspaces/" + workspace + "/members", new AddMemberRequest(userId, role)));
    }

    public String createWorkspace(String name) throws IOException, InterruptedException {
        return accepted(201, post("/api/workspaces", new CreateWorkspaceRequest(name)))
                .id();
    }

    public String createProject(String workspace, String name) throws IOException, InterruptedException {
        return accepted(201, post("/api/workspaces/" + workspace + "/projects", new CreateProjectRequest(name, null)))
                .id();
    }

    public CommandAccepted createTask(String workspace, String project, String title)
            throws IOException, InterruptedException {
        return createTask(workspace, project, title, null);
    }

    /** A task create whose events carry {@code requestId} (sent as X-Request-Id) as their correlation id. */
    public CommandAccepted createTask(String workspace, String project, String title, String requestId)
            throws IOException, InterruptedException {
        return accepted(
                201,
                post(
                        "/api/workspaces/" + workspace + "/projects/" + project + "/tasks",
                        new CreateTaskRequest(title, null, null),
                        requestId));
    }

    public CommandAccepted changeStatus(String workspace, String task, String status)
            throws IOException, InterruptedException {
        return accepted(
                200,
                post("/api/workspaces/" + workspace + "/tasks/" + task + "/status", new ChangeStatusRequest(status)));
    }

    public CommandAccepted assign(String workspace, String task, String assigneeId)
            throws IOException, InterruptedException {
        return accepted(
                200,
                post(
                        "/api/workspaces/" + workspace + "/tasks/" + task + "/assignee",
                        new AssignTaskRequest(assigneeId)));
    }

    /**
     * One attempt at a command, sent with {@code key} as both its {@code Idempotency-Key} (so that a retry after a
     * lost answer appends nothing) and its {@code X-Request-Id} (so that its events can be found by it). Never throws
     * for the server's sake: no answer at all is status 0.
     */
    public Attempt attempt(String path, Object body, String key) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .header("X-Request-Id", key)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new Attempt(status, JSON.readValue(response.body(), CommandAccepted.class), null);
            }
            String type = response.body().startsWith("{")
                    ? JSON.readTree(response.body()).path("type").asString()
                    : response.body();
            return new Attempt(status, null, type);
        } catch (IOException e) {
            return new Attempt(0, null, e.toString());
        }
    }

    /**
     * What one attempt at a command got: the answer when it succeeded, else its status (0 when no answer came) and
     * its problem type.
     */
    public record Attempt(int status, CommandAccepted accepted, String problem) {

        /** Worth another try: no answer, the server or its database unavailable, or the key still in use. */
        public boolean retryable() {
            return status == 0
                    || status >= 500
                    || status == 429
                    || status == 409 && problem != null && problem.endsWith("/idempotency-key-in-use");
        }
    }

    private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return post(path, body, null);
    }

    private HttpResponse<String> post(String path, Object body, String requestId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CommandAccepted accepted(int status, HttpResponse<String> response) {
        return JSON.readValue(expect(status, response).body(), CommandAccepted.class);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
