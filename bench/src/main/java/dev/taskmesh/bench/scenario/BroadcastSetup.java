package dev.taskmesh.bench.scenario;

import dev.taskmesh.bench.client.TaskMeshClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspaces the broadcast scenario writes to and the people watching them: an owner, who writes, creates the
 * workspaces with a project each and adds every member to every workspace. Members are few (signing up hashes a
 * password, which takes the server tens of milliseconds): many connections share a member's token, as one person's
 * several tabs would.
 */
record BroadcastSetup(TaskMeshClient writer, List<String> workspaces, List<String> projects, List<String> tokens) {

    static BroadcastSetup create(URI node, String run, int workspaceCount, int memberCount) throws Exception {
        TaskMeshClient writer = new TaskMeshClient(node);
        writer.signUp(run + "_owner");
        List<String> members = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int m = 0; m < memberCount; m++) {
            TaskMeshClient member = new TaskMeshClient(node);
            member.signUp(run + "_m" + m);
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
        return new BroadcastSetup(writer, List.copyOf(workspaces), List.copyOf(projects), List.copyOf(tokens));
    }

    static String stream(String workspace) {
        return "workspace:" + workspace;
    }
}
