package dev.taskmesh.server.rebuild;

import dev.taskmesh.server.web.ProblemException;
import dev.taskmesh.server.web.ProblemType;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/rebuilds}: the operator starts a read model's rebuild and follows it over HTTP (the same as the
 * {@code rebuild} command; docs/operations.md#rebuilding-a-read-model). Progress is kept by the node that runs the
 * rebuild: ask that node.
 */
@RestController
class RebuildController {

    private final Rebuilds rebuilds;

    RebuildController(Rebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GetMapping("/admin/rebuilds")
    Map<String, List<String>> rebuildable() {
        return Map.of("projections", rebuilds.names());
    }

    @PostMapping("/admin/rebuilds/{projection}")
    ResponseEntity<RebuildProgress> start(@PathVariable String projection) {
        known(projection);
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuilds.start(projection));
        } catch (Rebuilds.RebuildRunning e) {
            throw new ProblemException(ProblemType.CONFLICT, e.getMessage());
        }
    }

    @GetMapping("/admin/rebuilds/{projection}")
    RebuildProgress progress(@PathVariable String projection) {
        known(projection);
        return rebuilds.progress(projection)
                .orElseThrow(() -> ProblemException.notFound("No rebuild of " + projection + " ran on this node."));
    }

    private void known(String projection) {
        if (!rebuilds.exists(projection)) {
            throw ProblemException.notFound("No rebuildable read model " + projection + "; rebuildable: "
                    + String.join(", ", rebuilds.names()));
        }
    }
}
