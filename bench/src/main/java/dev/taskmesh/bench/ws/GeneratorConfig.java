package dev.taskmesh.bench.ws;

import java.util.List;

/**
 * What one generator process is to open: the first line its parent writes to it, as JSON. Nodes and tokens are
 * listed once and referred to by index, so that thousands of connections make a line of kilobytes, not megabytes.
 *
 * @param measuredPrefix the correlation-id prefix of the writes whose frames are counted and timed
 * @param process this generator's number among the run's generators: it picks the process's own loopback source
 *     addresses (see {@link WsFleet#sourceAddress})
 */
public record GeneratorConfig(
        String measuredPrefix, int process, List<String> urls, List<String> tokens, List<Target> connections) {

    /** One connection: which node (index into urls), whose token (index into tokens), which stream. */
    public record Target(int url, int token, String stream) {}
}
