package dev.taskmesh.server.config;

import dev.taskmesh.api.wire.MessageOrigin;
import dev.taskmesh.server.auth.CurrentUser;
import dev.taskmesh.server.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who caused an event, and through which request: every command sent while serving an HTTP request carries the
 * caller ({@code actor}) and the request id ({@code requestId}) as metadata, and Axon copies both onto the events the
 * command applies. The WebSocket frames show them as {@code actor} and {@code correlationId}.
 */
@Configuration(proxyBeanMethods = false)
class CommandOriginConfig {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIds() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Declaring any provider replaces Axon's default one, so it is declared again here. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider requestOriginProvider() {
        return new SimpleCorrelationDataProvider(MessageOrigin.ACTOR, MessageOrigin.REQUEST_ID);
    }

    @Bean
    SmartInitializingSingleton requestOriginOnCommands(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new RequestOrigin());
    }

    /** Commands are dispatched on the request's thread (a simple command bus), where the request is at hand. */
    static final class RequestOrigin implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> {
                if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
                    return command;
                }
                HttpServletRequest request = attributes.getRequest();
                Map<String, String> origin = new HashMap<>();
                CurrentUser.of(request)
                        .ifPresent(user ->
                                origin.put(MessageOrigin.ACTOR, user.id().toString()));
                RequestIdFilter.of(request).ifPresent(id -> origin.put(MessageOrigin.REQUEST_ID, id));
                return origin.isEmpty() ? command : command.andMetaData(origin);
            };
        }
    }
}
