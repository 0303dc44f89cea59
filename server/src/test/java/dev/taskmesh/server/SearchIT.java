package dev.taskmesh.server;

import static dev.taskmesh.server.support.Api.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskmesh.server.support.Api;
import dev.taskmesh.server.support.Api.User;
import dev.taskmesh.server.support.Board;
import dev.taskmesh.server.support.IntegrationTest;
import dev.taskmesh.server.support.Writes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Search: what finds a task, in which order, what a hit shows, what any text does, and who sees what. */
class SearchIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    User owner;
    String workspace;
    String project;
    Writes writes;

    @BeforeEach
    void board() {
        Board board = Board.create(api, jdbc, "Search");
        owner = board.owner();
        workspace = board.workspace();
        project = board.project();
        writes = new Writes(api, owner, workspace, project);
    }

    @Test
    void aTaskIsFoundByAnyWordOfItsTitleLabelsDescriptionOrComments() {
        String task = writes.create("Quarterly budget");
        writes.patch(
                task, Map.of("labels", List.of("finance"), "description", "Collect the spreadsheets from every team"));
        writes.comment(task, "The auditors asked for receipts");

        for (String text : List.of("quarterly", "BUDGET", "finance", "spreadsheet", "teams", "receipts")) {
            assertThat(ids(search(text))).as(text).containsExactly(task);
        }
        assertThat(ids(search("invoice"))).isEmpty();
    }

    @Test
    void theAnswerSaysHowLongTheSearchsStatementsTookInServerTiming() {
        writes.create("Timed search");

        for (String text : List.of("timed", "tmied")) { // a page, then nothing found and "did you mean"
            Api.Response answer = expect(api.get(searchPath(text, ""), owner.accessToken()), 200);
            assertThat(answer.header("Server-Timing"))
                    .as(text)
                    .matches("search;desc=\"search statements\";dur=\\d+\\.\\d{3}");
        }
    }

    @Test
    void aStopWordIsAnsweredWithoutANoticeFromPostgreSql() {
        String task = writes.create("The theme");

        assertThat(ids(search("the"))).as("a prefix of theme").containsExactly(task);
        // PostgreSQL would send a notice for "the" (only stop words); the server's connections take none, as pgjdbc
        // builds a warning with a stack trace for each
        assertThat(jdbc.sql("SHOW client_min_messages").query(String.class).single())
                .isEqualTo("warning");
    }

    @Test
    void aWorkspaceIsSearchedBeforeAndAfterItsFirstTask() {
        // without a document it has no partition to search yet; it is looked up again once it has one
        assertThat(ids(search("first"))).isEmpty();

        String task = writes.create("First task");

        assertThat(ids(search("first"))).containsExactly(task);
        assertThat(ids(search("fir"))).as("typed, as a prefix").containsExactly(task);
    }

    @Test
    void aTitleMatchRanksAboveADescriptionMatchAboveACommentMatch() {
        String inComment = writes.create("Third");
        writes.comment(inComment, "about the migration");
        String inDescription = writes.create("Second");
        writes.patch(inDescription, Map.of("description", "migration notes"));
        String inTitle = writes.create("Migration plan");

        assertThat(ids(search("migration"))).containsExactly(inTitle, inDescription, inComment);
    }

    @Test
    void equalRanksComeMostRecentlyChangedFirstAndPageByCursor() {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tasks.add(writes.create("Release checklist " + i));
        }
        writes.patch(tasks.get(0), Map.of("description", "touched last"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = search("checklist", "limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).containsExactly(tasks.get(0), tasks.get(4), tasks.get(3), tasks.get(2), tasks.get(1));
    }

    @Test
    void theLastWordMatchesAsAPrefixWhileTyping() {
        String design = writes.create("Design review");
        writes.create("Deploy script");

        assertThat(ids(search("desig"))).containsExactly(design);
        assertThat(ids(search("review desi"))).containsExactly(design);
        assertThat(ids(search("de"))).hasSize(2);
        // a finished word in quotes or a negated one is not a prefix
        assertThat(ids(search("\"desig\""))).isEmpty();
        assertThat(ids(search("review -design"))).isEmpty();
    }

    @Test
    void webSearchSyntaxQuotesExcludesAndOrs() {
        String redCar = writes.create("Paint the red car");
        String redHouse = writes.create("Paint the red house");
        String carRed = writes.create("The car is not red");

        assertThat(ids(search("\"red car\""))).containsExactly(redCar);
        assertThat(ids(search("red -house"))).containsExactlyInAnyOrder(redCar, carRed);
        assertThat(ids(search("house or car"))).containsExactlyInAnyOrder(redCar, redHouse, carRed);
    }

    @Test
    void snippetsMarkTheMatchedWordsAndCarryUserTextOnlyAsText() {
        String task = writes.create("Escape <b>bold</b> & \uE000forged\uE001 marks");
        writes.patch(task, Map.of("description", "A long description where the word escape appears once more"));

        JsonNode hit = search("escape").path("items").get(0);
        List<String> matched = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (JsonNode part : hit.path("snippet")) {
            text.append(part.path("text").asString());
            if (part.path("match").asBoolean()) {
                matched.add(part.path("text").asString());
            }
        }
        assertThat(matched).isNotEmpty().allMatch(word -> word.equalsIgnoreCase("escape"));
        assertThat(text.toString())
                .contains("<b>bold</b> &")
                .contains("forged marks")
                .doesNotContain("\uE000");
        assertThat(hit.path("title").asString()).isEqualTo("Escape <b>bold</b> & \uE000forged\uE001 marks");
    }

    @Test
    void anyTextIsAnsweredAndNeverAServerError() {
        String task = writes.create("Ünïcode café naïve 日本語 tâche");
        List<String> texts = List.of(
                "café",
                "日本語",
                "'; DROP TABLE search_task; --",
                "\" \" \"",
                "-",
                "or or or",
                "!@#$%^&*()_+{}|:<>?",
                "the and of",
                "a:* & b | !c <-> (d",
                "x".repeat(500),
                "\\",
                "\0nul",
                "\uE000");
        for (String text : texts) {
            Api.Response response = api.get(searchPath(text, ""), owner.accessToken());
            assertThat(response.status()).as(text).isEqualTo(200);
        }
        assertThat(ids(search("café"))).containsExactly(task);
        assertThat(ids(search("日本語"))).containsExactly(task);
        assertThat(jdbc.sql("SELECT count(*) FROM search_task")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void anEmptyOrTooLongQueryAndBadFiltersAreRefusedByName() {
        for (String text : List.of("", "   ", "x".repeat(501))) {
            Api.Response response = api.get(searchPath(text, ""), owner.accessToken());
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.problemType()).isEqualTo("validation-failed");
        }
        Api.Response bad = api.get(
                searchPath("x", "status=doing&assignee=nobody&projectId=7&cursor=bm9wZQ&limit=0"), owner.accessToken());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()
                        .path("errors")
                        .valueStream()
                        .map(error -> error.path("parameter").asString()))
                .containsExactlyInAnyOrder("status", "assignee", "projectId", "cursor", "limit");
        Api.Response missing = api.get("/api/workspaces/" + workspace + "/search", owner.accessToken());
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void filtersHaveTheTaskListsNamesAndMeaning() {
        String other = api.createProject(owner, workspace, "Other");
        String mine = writes.create("Report one");
        writes.assign(mine, owner.id());
        String started = writes.create("Report two");
        writes.status(started, "in_progress");
        Api.Response elsewhere = expect(api.createTask(owner, workspace, other, "Report three"), 201);
        writes.track(elsewhere);

        assertThat(ids(search("report", "assignee=me"))).containsExactly(mine);
        assertThat(ids(search("report", "status=in_progress"))).containsExactly(started);
        assertThat(ids(search("report", "status=in_progress&status=todo"))).hasSize(3);
        assertThat(ids(search("report", "projectId=" + other))).containsExactly(elsewhere.text("id"));
        assertThat(ids(search("report", "projectId=" + project + "&status=todo")))
                .containsExactly(mine);
    }

    @Test
    void changesRenamesDeletionsAndDeletedCommentsAreSearchedAsTheyAreNow() {
        String task = writes.create("Old title");
        String comment = writes.comment(task, "temporary remark");
        String gone = writes.create("Doomed card");

        writes.patch(task, Map.of("title", "Fresh title"));
        writes.track(expect(
                api.delete(
                        "/api/workspaces/" + workspace + "/tasks/" + task + "/comments/" + comment,
                        owner.accessToken()),
                200));
        writes.track(expect(api.delete("/api/workspaces/" + workspace + "/tasks/" + gone, owner.accessToken()), 200));

        assertThat(ids(search("fresh"))).containsExactly(task);
        assertThat(ids(search("old"))).isEmpty();
        assertThat(ids(search("remark"))).isEmpty();
        assertThat(ids(search("doomed"))).isEmpty();
    }

    @Test
    void whenNothingMatchesAClosestSpellingFromTitlesAndLabelsIsOffered() {
        String task = writes.create("Database migration");
        writes.patch(task, Map.of("labels", List.of("infrastructure", "design")));

        JsonNode page = search("databse infrastucture");
        assertThat(ids(page)).isEmpty();
        assertThat(page.path("didYouMean").asString()).isEqualTo("database infrastructure");
        assertThat(ids(search(page.path("didYouMean").asString()))).containsExactly(task);
        // two letters swapped in a six-letter word: trigram similarity 0.27, under pg_trgm's default threshold
        assertThat(search("desgin").path("didYouMean").asString()).isEqualTo("design");
        assertThat(search("database").path("didYouMean").isNull()).isTrue();
        assertThat(search("zzzzqqq").path("didYouMean").isNull()).isTrue();
    }

    @Test
    void onlyTheWorkspacesOwnTasksAreSearchedAndOnlyByItsMembers() {
        writes.create("Shared secret word");
        User stranger = api.registerAndLogin(Board.unique("stranger"));
        String theirs = api.createWorkspace(stranger, "Theirs");
        String theirProject = api.createProject(stranger, theirs, "P");
        Api.Response their = expect(api.createTask(stranger, theirs, theirProject, "Shared secret word too"), 201);
        writes.track(their);

        assertThat(ids(search("secret"))).hasSize(1).doesNotContain(their.text("id"));
        Api.Response foreign = api.get("/api/workspaces/" + workspace + "/search?q=secret", stranger.accessToken());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(api.get("/api/workspaces/" + workspace + "/search?q=secret", null)
                        .status())
                .isEqualTo(401);
    }

    private JsonNode search(String text) {
        return search(text, "");
    }

    private JsonNode search(String text, String parameters) {
        return expect(api.get(searchPath(text, parameters), owner.accessToken()), 200)
                .body();
    }

    private String searchPath(String text, String parameters) {
        return "/api/workspaces/" + workspace + "/search?minPosition=" + writes.lastPosition() + "&q="
                + URLEncoder.encode(text, StandardCharsets.UTF_8) + (parameters.isEmpty() ? "" : "&" + parameters);
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(hit -> hit.path("taskId").asString())
                .toList();
    }
}
