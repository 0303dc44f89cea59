package dev.taskmesh.server.poison;

import dev.taskmesh.api.wire.Page;
import dev.taskmesh.server.web.PageRequest;
import dev.taskmesh.server.web.ProblemException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/dead-letters}: the processors' parked events, their retry and their eviction, behind the operator
 * credential like every {@code /admin} route (docs/operations.md#poison-events).
 */
@RestController
class DeadLetterController {

    private final ProcessorDeadLetters deadLetters;
    private final DeadLetterRetry retry;

    DeadLetterController(ProcessorDeadLetters deadLetters, DeadLetterRetry retry) {
        this.deadLetters = deadLetters;
        this.retry = retry;
    }

    @GetMapping("/admin/dead-letters")
    Page<DeadLetter> list(
            @RequestParam(required = false) String processor,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        PageRequest page = PageRequest.of(cursor, limit);
        List<DeadLetter> letters = deadLetters.list(processor, page.after(), page.limit() + 1);
        return page.page(letters, DeadLetter::id);
    }

    @PostMapping("/admin/dead-letters/{processor}/retry")
    DeadLetterRetry.Outcome retry(@PathVariable String processor) {
        return retry.retry(processor)
                .orElseThrow(() -> ProblemException.notFound(
                        "This node runs no processor " + processor + ": ask a node that does (a query node)."));
    }

    @DeleteMapping("/admin/dead-letters/{id}")
    ResponseEntity<Void> evict(@PathVariable long id) {
        if (!deadLetters.evict(id)) {
            throw ProblemException.notFound("No dead letter " + id + ".");
        }
        return ResponseEntity.noContent().build();
    }
}
