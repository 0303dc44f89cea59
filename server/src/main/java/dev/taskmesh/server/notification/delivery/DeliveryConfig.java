package dev.taskmesh.server.notification.delivery;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery queue and the reminder timers: db-scheduler on the application's PostgreSQL, through a
 * transaction-aware DataSource, so a delivery queued by the inbox projection joins the projection's transaction;
 * db-scheduler's own polling runs outside any. Every node polls; a delivery picked by a node that dies is picked again
 * once it has missed six heartbeats (30 s).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfig {

    @Bean
    DeadLetters deadLetters(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
        return new DeadLetters(jdbc, clock, transactions);
    }

    @Bean
    DeliveryWorker deliveryWorker(
            QueryGateway queries,
            ObjectProvider<JavaMailSender> mail,
            JdbcClient jdbc,
            JsonMapper json,
            DeadLetters deadLetters,
            WebhookTargets targets,
            DeliveryProperties properties,
            Clock clock,
            MeterRegistry meters) {
        JavaMailSender sender = mail.getIfAvailable();
        if (properties.emailEnabled() && sender == null) {
            throw new IllegalStateException(
                    "TASKMESH_NOTIFICATIONS_EMAIL_ENABLED is true but no SMTP server is configured: set TASKMESH_SMTP_HOST");
        }
        return new DeliveryWorker(
                queries,
                new EmailChannel(sender, jdbc, properties.emailFrom()),
                new WebhookChannel(jdbc, json, targets, clock, properties.webhookTimeout()),
                deadLetters,
                properties,
                jdbc,
                clock,
                meters);
    }

    @Bean
    DueReminderJob dueReminders(JdbcClient jdbc, CommandGateway commands) {
        return new DueReminderJob(jdbc, commands);
    }

    @Bean
    Scheduler deliveryScheduler(
            DataSource dataSource,
            DeliveryWorker worker,
            DueReminderJob reminders,
            DeadLetters deadLetters,
            DeliveryProperties properties,
            // the queue tasks other features declare as beans (account emails)
            List<Task<?>> otherTasks) {
        List<Task<?>> tasks = new ArrayList<>(otherTasks);
        tasks.add(worker.task());
        tasks.add(reminders.task());
        Scheduler scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                // Few threads, frequent polls, each locking and fetching a few per thread in one statement:
                // sending is the heaviest work on a node, and a second's deliveries sent in one burst on many threads
                // starved the inbox processor, which shares the cores (docs/benchmarks.md#notifications). No immediate
                // execution: that would cost a query per queued delivery.
                .threads(properties.deliveryThreads())
                .pollUsingLockAndFetch(1.0, 4.0)
                .pollingInterval(properties.deliveryPollInterval())
                .heartbeatInterval(Duration.ofSeconds(5))
                .commitWhenAutocommitDisabled(false)
                // one line per failed attempt; DeliveryWorker logs the dead letter with its cause
                .failureLogging(LogLevel.INFO, false)
                .build();
        deadLetters.queue(scheduler, worker.task());
        reminders.queue(scheduler);
        return scheduler;
    }

    @Bean
    DeliveryQueue deliveryQueue(
            Scheduler scheduler,
            DeliveryWorker worker,
            QueryGateway queries,
            JdbcClient jdbc,
            DeliveryProperties properties,
            Clock clock) {
        return new DeliveryQueue(scheduler, worker.task(), queries, jdbc, properties, clock);
    }

    @Bean
    WebhookTargets webhookTargets(DeliveryProperties properties) {
        return new WebhookTargets(properties.webhookAllowPrivateTargets());
    }

    /** Starts polling once the context (and Flyway's tables) is up; stops before the DataSource closes. */
    @Bean
    SmartLifecycle deliverySchedulerLifecycle(Scheduler scheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                scheduler.start();
                running = true;
            }

            @Override
            public void stop() {
                scheduler.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
