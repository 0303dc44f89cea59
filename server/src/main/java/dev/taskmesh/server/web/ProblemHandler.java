package dev.taskmesh.server.web;

import dev.taskmesh.api.wire.CommandRejectedException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/** Turns every failure into a problem of the catalogue; nothing else reaches a client. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException e) {
        return answer(e.type(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<Object> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(e.type().status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Problems.of(e.type(), e.getMessage(), List.of()));
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<Object> rejected(CommandRejectedException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> answer(ProblemType.NOT_FOUND, e.getMessage(), List.of());
            case FORBIDDEN -> answer(ProblemType.FORBIDDEN, e.getMessage(), List.of());
            case STALE ->
                answer(
                        ProblemType.PRECONDITION_FAILED,
                        e.getMessage() + " Read it again, then retry with its ETag.",
                        List.of());
            case CONFLICT -> {
                ProblemDetail problem = Problems.of(ProblemType.CONFLICT, e.getMessage(), List.of());
                e.details().forEach(problem::setProperty);
                yield ResponseEntity.status(ProblemType.CONFLICT.status())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem);
            }
            case INVALID ->
                answer(
                        ProblemType.VALIDATION_FAILED,
                        e.getMessage(),
                        List.of(FieldError.body("/" + e.field(), e.getMessage())));
        };
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException e) {
        return answer(ProblemType.NOT_FOUND, "No such resource.", List.of());
    }

    /** Two nodes appended to one aggregate at once; the client may retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrentChange(ConcurrencyException e) {
        return answer(ProblemType.CONFLICT, "The resource was changed concurrently; retry.", List.of());
    }

    /** A node with the command side switched off (taskmesh.command.enabled=false) has no handler to run. */
    @ExceptionHandler(NoHandlerForCommandException.class)
    ResponseEntity<Object> commandsNotServed(NoHandlerForCommandException e) {
        return answer(ProblemType.UNAVAILABLE, "This node does not handle commands; retry on another.", List.of());
    }

    /** Query results arrive as futures: answer for what failed inside. */
    @ExceptionHandler(CompletionException.class)
    ResponseEntity<Object> queryFailed(CompletionException e) {
        if (e.getCause() instanceof NoHandlerForQueryException) {
            return answer(
                    ProblemType.UNAVAILABLE, "This node does not serve read models; retry on another.", List.of());
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unhandled failure", e);
        return answer(ProblemType.INTERNAL_ERROR, "Something went wrong on our side.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodyTooLargeException.causedBy(e)) {
            return answer(ProblemType.PAYLOAD_TOO_LARGE, "The body exceeds this route's limit.", List.of());
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidFormatException invalid
                    && StorableText.DETAIL.equals(invalid.getOriginalMessage())) {
                return answer(
                        ProblemType.VALIDATION_FAILED,
                        "The request has invalid fields.",
                        List.of(FieldError.body(pointer(invalid), StorableText.DETAIL)));
            }
        }
        return answer(ProblemType.MALFORMED_REQUEST, "The body is not valid JSON of the expected shape.", List.of());
    }

    /** The JSON pointer (RFC 6901) of the value Jackson was reading. */
    private static String pointer(InvalidFormatException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference step : e.getPath()) {
            pointer.append('/');
            if (step.getPropertyName() != null) {
                pointer.append(step.getPropertyName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(step.getIndex());
            }
        }
        return pointer.toString();
    }

    /** A path id that does not parse names nothing: 404, as for an unknown id. A bad query parameter is a 400. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            if (mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
                return answer(ProblemType.NOT_FOUND, "No such resource.", List.of());
            }
            return answer(
                    ProblemType.VALIDATION_FAILED,
                    "Invalid " + mismatch.getName() + ".",
                    List.of(FieldError.query(mismatch.getName(), "has the wrong type")));
        }
        return answer(ProblemType.MALFORMED_REQUEST, "A parameter has the wrong type.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(ProblemType.NOT_FOUND, "No such resource.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(ProblemType.METHOD_NOT_ALLOWED, e.getMessage(), List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send application/json.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(ProblemType.NOT_ACCEPTABLE, "This resource speaks application/json.", List.of());
    }

    /** Whatever else Spring MVC raises keeps its status, with the closest type of the catalogue. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemType type = status.is4xxClientError() ? ProblemType.MALFORMED_REQUEST : ProblemType.INTERNAL_ERROR;
        if (type == ProblemType.INTERNAL_ERROR) {
            log.error("Request failed inside Spring MVC", e);
        }
        ProblemDetail problem = Problems.of(type, type.title(), List.of());
        problem.setStatus(status.value());
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<Object> answer(ProblemType type, String detail, List<FieldError> errors) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (type == ProblemType.UNAUTHENTICATED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (type == ProblemType.PROJECTION_LAGGING) {
            response.header(HttpHeaders.RETRY_AFTER, "1"); // a healthy processor catches up in milliseconds
        }
        return response.body(Problems.of(type, detail, errors));
    }
}
