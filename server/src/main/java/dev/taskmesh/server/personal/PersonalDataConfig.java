package dev.taskmesh.server.personal;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event store's serializer: Axon's Jackson serializer with the personal data step in front. Declared under
 * Axon's own qualifier, so the event store, every processor and the rebuilds' bulk pass read through it.
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfig {

    @Bean
    PersonalDataKeys personalDataKeys(JdbcClient jdbc) {
        return new PersonalDataKeys(jdbc);
    }

    @Bean
    @Qualifier("eventSerializer")
    PersonalDataSerializer eventSerializer(@Qualifier("serializer") Serializer jackson, PersonalDataKeys keys) {
        return new PersonalDataSerializer(jackson, keys);
    }
}
