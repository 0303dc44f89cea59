package dev.taskmesh.server.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every command from its handler's start until its unit of work commits (the events appended, the subscribing
 * handlers run) or rolls back: {@code taskmesh.commands.duration} by {@code command} (its type's simple name) and
 * {@code outcome} ({@code success}, {@code failure}: a refused command, a conflict, an error), each also logged at
 * DEBUG.
 */
final class CommandTimer implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(CommandTimer.class);

    static final String NAME = "taskmesh.commands.duration";

    private final MeterRegistry meters;

    CommandTimer(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Timer.Sample sample = Timer.start(meters);
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.afterCommit(done -> stop(sample, command, "success"));
        unitOfWork.onRollback(failed -> stop(sample, command, "failure"));
        return chain.proceed();
    }

    private void stop(Timer.Sample sample, String command, String outcome) {
        long nanos = sample.stop(timer(command, outcome));
        log.debug("{} {} in {} ms", command, outcome, nanos / 1_000_000.0);
    }

    private Timer timer(String command, String outcome) {
        return Timer.builder(NAME)
                .description("From a command's handler starting until its events are committed, or it is refused")
                .tag("command", command)
                .tag("outcome", outcome)
                .register(meters);
    }
}
