package dev.taskmesh.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Command;
import dev.taskmesh.server.support.OpsTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations files are valid for the tools that will read them: docker-compose, nginx, Prometheus (its config,
 * its rules and their unit tests) and Grafana's JSON; and the cluster script passes shellcheck. Whether the metrics
 * they name exist is OperationsIT's.
 */
class OpsFilesIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path temp;

    @Test
    void theComposeFileIsValid() throws Exception {
        OpsTools.require("docker-compose");
        assertThat(run(
                        Map.of("TASKMESH_JWT_KEY", "check"),
                        "docker-compose",
                        "-f",
                        "docker-compose.yml",
                        "config",
                        "-q"))
                .isEmpty();
        // without the signing key, compose refuses to start the nodes and says why
        Command withoutKey = execute(Map.of(), "docker-compose", "-f", "docker-compose.yml", "config", "-q");
        assertThat(withoutKey.exit()).isNotZero();
        assertThat(withoutKey.output()).contains("TASKMESH_JWT_KEY");
    }

    @Test
    void theAlertRulesAreValidAndBehaveAsTheirTestsSay() throws Exception {
        OpsTools.require("promtool");
        assertThat(run(Map.of(), "promtool", "check", "config", "ops/prometheus/prometheus.yml"))
                .contains("SUCCESS");
        assertThat(run(Map.of(), "promtool", "check", "rules", "ops/prometheus/alerts.yml"))
                .contains("SUCCESS");
        assertThat(run(Map.of(), "promtool", "test", "rules", "ops/prometheus/alerts-test.yml"))
                .contains("SUCCESS");
    }

    @Test
    void theComposeLoadBalancerConfigurationIsValidForNginx() throws Exception {
        OpsTools.require("nginx");
        for (Path file : List.of("http.conf", "taskmesh.conf", "upstream-compose.conf", "nginx-compose.conf").stream()
                .map(name -> ROOT.resolve("ops/nginx").resolve(name))
                .toList()) {
            Files.copy(file, temp.resolve(file.getFileName()));
        }
        // the nodes' names resolve only inside compose; temp files go here rather than under /var/lib/nginx
        Path upstream = temp.resolve("upstream-compose.conf");
        Files.writeString(upstream, Files.readString(upstream).replaceAll("taskmesh-[12]:8080", "127.0.0.1:8080"));
        Path main = temp.resolve("nginx-compose.conf");
        Files.writeString(main, Files.readString(main).replace("http {", "http {\n" + tempPaths()));
        assertThat(run(
                        Map.of(),
                        "nginx",
                        "-t",
                        "-p",
                        temp.toString(),
                        "-g",
                        "pid " + temp + "/nginx.pid;",
                        "-c",
                        main.toString()))
                .contains("test is successful");
    }

    @Test
    void theDashboardIsJsonAndTheClusterScriptPassesShellcheck() throws Exception {
        OpsTools.require("python3", "shellcheck");
        run(Map.of(), "python3", "-m", "json.tool", "ops/grafana/dashboards/taskmesh.json");
        assertThat(run(
                        Map.of(),
                        "shellcheck",
                        "-x",
                        "scripts/cluster.sh",
                        "scripts/backup.sh",
                        "scripts/restore.sh",
                        "scripts/replica-pair.sh",
                        "web/npm.sh"))
                .isEmpty();
    }

    private String tempPaths() {
        return String.join(
                "\n",
                List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi").stream()
                        .map(kind -> kind + "_temp_path " + temp.resolve(kind) + ";")
                        .toList());
    }

    /** Runs a command in the repository's root; fails the test unless it exits 0, with what it printed. */
    private static String run(Map<String, String> env, String... command) {
        Command result = execute(env, command);
        assertThat(result.exit())
                .as(String.join(" ", command) + " printed:\n" + result.output())
                .isZero();
        return result.output();
    }

    private static Command execute(Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().remove("TASKMESH_JWT_KEY");
        builder.environment().putAll(env);
        return Command.run(builder);
    }
}
