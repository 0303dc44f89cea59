package dev.taskmesh.server.idempotency;

import dev.taskmesh.api.workspace.MembershipDirectory;
import dev.taskmesh.server.web.Problems;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyConfig {

    /** After authentication (the key is scoped to the user) and the body limit (the body is read here). */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotency(
            IdempotencyKeys keys,
            TransactionTemplate transactions,
            Problems problems,
            MembershipDirectory memberships) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(keys, transactions, problems, memberships));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
