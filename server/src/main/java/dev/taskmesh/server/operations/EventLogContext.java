package dev.taskmesh.server.operations;

import dev.taskmesh.api.comment.CommentEvent;
import dev.taskmesh.api.project.ProjectEvent;
import dev.taskmesh.api.task.TaskEvent;
import dev.taskmesh.api.wire.MessageOrigin;
import dev.taskmesh.api.workspace.WorkspaceEvent;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts the request id and the actor of the event being handled (its metadata) and its workspace (its payload) into
 * the log context of the processor's thread for the time of the handler, so a projection's log lines name the action
 * that caused them. At DEBUG ({@code logging.level.dev.taskmesh.server.operations}) it logs every event each
 * processor handles: with the command's line, one user action followed through the whole server by its request id.
 */
final class EventLogContext implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(EventLogContext.class);

    private final String processor;

    EventLogContext(String processor) {
        this.processor = processor;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        // a subscribing processor runs inside the command's request: its context is put back afterwards
        Map<String, String> outer = MDC.getCopyOfContextMap();
        LogContext.put(LogContext.REQUEST_ID, event.getMetaData().get(MessageOrigin.REQUEST_ID));
        LogContext.put(LogContext.USER_ID, event.getMetaData().get(MessageOrigin.ACTOR));
        LogContext.put(LogContext.WORKSPACE_ID, workspaceOf(event.getPayload()));
        if (log.isDebugEnabled()) {
            log.debug("{} handles {} {}", processor, event.getPayloadType().getSimpleName(), event.getIdentifier());
        }
        try {
            return chain.proceed();
        } finally {
            if (outer == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(outer);
            }
        }
    }

    private static Object workspaceOf(Object payload) {
        return switch (payload) {
            case TaskEvent task -> task.workspaceId();
            case ProjectEvent project -> project.workspaceId();
            case CommentEvent comment -> comment.workspaceId();
            case WorkspaceEvent workspace -> workspace.workspaceId();
            default -> null;
        };
    }
}
