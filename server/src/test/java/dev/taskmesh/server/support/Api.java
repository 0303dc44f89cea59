package dev.taskmesh.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client speaking TaskMesh's public API, so tests read as the flows users go through. Raw requests are
 * available for the malformed inputs that a typed client could not send.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    public static Api at(String base) {
        return new Api(base);
    }

    public String base() {
        return base;
    }

    private Api(String base) {
        this.base = base;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String rawBody) {

        public JsonNode body() {
            return rawBody.isEmpty() ? JSON.nullNode() : JSON.readTree(rawBody);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The slug of a problem answer, e.g. {@code not-found}. */
        public String problemType() {
            String type = body().path("type").asString();
            return type.substring(type.lastIndexOf('/') + 1);
        }

        public String text(String field) {
            return body().path(field).asString();
        }
    }

    /** A registered, logged-in person. */
    public record User(String id, String handle, String email, String accessToken, String refreshToken) {}

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String token, Object body) {
        return postRaw(path, token, JSON.writeValueAsString(body));
    }

    public Response postRaw(String path, String token, String body) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any request: {@code headers} are name, value pairs; a null body sends none. */
    public Response send(String method, String path, String token, Object body, String... headers) {
        HttpRequest.Builder request = request(path, token);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        String json = body instanceof String raw ? raw : JSON.writeValueAsString(body);
        if (java.util.Arrays.stream(headers).noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A multipart/form-data upload of one file in a part named {@code part}, as a browser's form sends it; the
     * file name goes as given, quotes and all, so tests can send hostile ones.
     */
    public Response upload(String path, String token, String part, String fileName, String type, byte[] content) {
        String boundary = "----taskmesh" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n";
        body.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return send(request(path, token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    public Response patch(String path, String token, Object body, String... headers) {
        return send("PATCH", path, token, body, headers);
    }

    public Response delete(String path, String token, String... headers) {
        return send("DELETE", path, token, null, headers);
    }

    /** Reads a task at the position a write answered, so the read reflects that write. */
    public Response readTask(User user, String workspaceId, String taskId, Response write) {
        return get(
                "/api/workspaces/" + workspaceId + "/tasks/" + taskId + "?minPosition="
                        + write.body().path("globalPosition").asLong(),
                user.accessToken());
    }

    public User registerAndLogin(String handle) {
        return registerAndLogin(
                handle + "-" + UUID.randomUUID() + "@example.com", handle, "User " + handle, "correct horse " + handle);
    }

    /** Signs a person up with exactly these details, then in. */
    public User registerAndLogin(String email, String handle, String displayName, String password) {
        Response registered = post(
                "/api/auth/register",
                null,
                java.util.Map.of("email", email, "handle", handle, "displayName", displayName, "password", password));
        expect(registered, 201);
        Response login = post("/api/auth/login", null, java.util.Map.of("email", email, "password", password));
        expect(login, 200);
        return new User(registered.text("id"), handle, email, login.text("accessToken"), login.text("refreshToken"));
    }

    public String createWorkspace(User owner, String name) {
        return expect(post("/api/workspaces", owner.accessToken(), java.util.Map.of("name", name)), 201)
                .text("id");
    }

    public Response addMember(User admin, String workspaceId, User member, String role) {
        return post(
                "/api/workspaces/" + workspaceId + "/members",
                admin.accessToken(),
                java.util.Map.of("userId", member.id(), "role", role));
    }

    public String createProject(User admin, String workspaceId, String name) {
        return expect(
                        post(
                                "/api/workspaces/" + workspaceId + "/projects",
                                admin.accessToken(),
                                java.util.Map.of("name", name)),
                        201)
                .text("id");
    }

    public Response createTask(User member, String workspaceId, String projectId, String title) {
        return post(
                "/api/workspaces/" + workspaceId + "/projects/" + projectId + "/tasks",
                member.accessToken(),
                java.util.Map.of("title", title));
    }

    /** Fails the test with the answer's body when its status is not the expected one. */
    public static Response expect(Response response, int status) {
        if (response.status() != status) {
            throw new AssertionError(
                    "expected HTTP " + status + " but got " + response.status() + ": " + response.rawBody());
        }
        return response;
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
