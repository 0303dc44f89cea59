package dev.taskmesh.server.rebuild;

import dev.taskmesh.query.config.Rebuildable;
import dev.taskmesh.server.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class RebuildConfig {

    @Bean
    Rebuilds rebuilds(
            List<Rebuildable> rebuildables,
            DataSource dataSource,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            EventStore events,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon,
            Clock clock,
            MeterRegistry meters,
            @Value("${taskmesh.rebuild.threads:0}") int threads) {
        // one worker per core measured best: 2 beat 1, 3 and 4 on two cores (docs/benchmarks.md#rebuild)
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        BulkPass bulk = new BulkPass(dataSource, eventSerializer, axon.upcasterChain(), workers);
        return new Rebuilds(
                rebuildables, dataSource, jdbc, transactions, events, serializer, bulk, clock, meters, workers);
    }

    /** Before the bearer filter (which leaves /admin alone): the operator credential is the only way in. */
    @Bean
    FilterRegistrationBean<OperatorAuthenticationFilter> operatorAuthentication(
            @Value("${taskmesh.admin.token:}") String operatorToken, Problems problems) {
        FilterRegistrationBean<OperatorAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new OperatorAuthenticationFilter(operatorToken, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
