package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import dev.taskmesh.bench.infra.BenchInfrastructure;
import dev.taskmesh.bench.infra.ServerProcess;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workspaces the broadcast scenario writes to and the people watching them: an owner, who writes, creates the
 * workspaces with a project each and adds every member to every workspace. Members are few (signing up hashes a
 * password, which takes the server tens of milliseconds): many connections share a member's token, as one person's
 * several tabs would.
 */
record BroadcastSetup(
        TaskMeshClient writer,
        List<String> workspaces,
        List<String> projects,
        List<String> tokens,
        List<String> members,
        List<String> handles) {

    static BroadcastSetup create(URI node, String run, int workspaceCount, int memberCount) throws Exception {
        TaskMeshClient writer = new TaskMeshClient(node);
        writer.signUp(run + "_owner");
        List<String> members = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int m = 0; m < memberCount; m++) {
            TaskMeshClient member = new TaskMeshClient(node);
            handles.add(run + "_m" + m);
            member.signUp(handles.getLast());
            members.add(member.userId());
            tokens.add(member.accessToken());
        }
        List<String> workspaces = new ArrayList<>();
        List<String> projects = new ArrayList<>();
        for (int w = 0; w < workspaceCount; w++) {
            String workspace = writer.createWorkspace("Broadcast " + w);
            workspaces.add(workspace);
            projects.add(writer.createProject(workspace, "Broadcast"));
            for (String member : members) {
                writer.addMember(workspace, member, "member");
            }
        }
        return new BroadcastSetup(
                writer,
                List.copyOf(workspaces),
                List.copyOf(projects),
                List.copyOf(tokens),
                List.copyOf(members),
                List.copyOf(handles));
    }

    /**
     * The environment of a node of these scenarios: one signing key for every node, so a token from either is
     * accepted by the other, and one person's limit of connections lifted to {@code connectionsPerUser}: twenty
     * people's tokens serve every connection of a load test.
     */
    static Map<String, String> nodeEnv(BenchInfrastructure infra, String databaseUrl, int connectionsPerUser) {
        Map<String, String> env = infra.serverEnv(databaseUrl);
        env.put("TASKMESH_JWT_KEY", ServerProcess.signingKey());
        env.put("TASKMESH_REALTIME_MAX_CONNECTIONS_PER_USER", Integer.toString(connectionsPerUser));
        return env;
    }

    static String stream(String workspace) {
        return "workspace:" + workspace;
    }
}
