package dev.taskmesh.server.replica;

import dev.taskmesh.server.web.ReadConsistency;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** docs/operations.md#read-replicas. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplicaProperties.class)
class ReplicaConfig {

    /**
     * Wraps the application's DataSource so that a read ReplicaReads routes reaches a replica; without replicas
     * configured it is left exactly as Spring Boot made it.
     */
    @Bean
    static BeanPostProcessor replicaRouting(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                boolean replicas =
                        !environment.getProperty("taskmesh.replicas.urls", "").isBlank();
                return replicas && "dataSource".equals(name) && bean instanceof DataSource primary
                        ? new RoutingDataSource(primary)
                        : bean;
            }
        };
    }

    @Bean
    Replicas replicas(
            ReplicaProperties properties,
            @Value("${spring.datasource.username:}") String user,
            @Value("${spring.datasource.password:}") String password,
            JdbcClient primary,
            MeterRegistry meters) {
        return new Replicas(properties, user, password, primary, meters);
    }

    @Bean
    ReplicaReads replicaReads(Replicas replicas, ReadConsistency consistency, MeterRegistry meters) {
        return new ReplicaReads(replicas, consistency, meters);
    }

    @Bean
    HealthIndicator replicasHealthIndicator(Replicas replicas) {
        return new ReplicasHealth(replicas);
    }
}
