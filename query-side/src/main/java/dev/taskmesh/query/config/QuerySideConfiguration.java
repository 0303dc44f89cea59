package dev.taskmesh.query.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/**
 * The query side as the server composes it: projections with their processors and query handlers, only where
 * {@code taskmesh.query.enabled} is true, the default. A node without them runs no projection and refuses reads of
 * read models with 503; the tables are shared, so other nodes keep them current.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "taskmesh.query.enabled", matchIfMissing = true)
@ComponentScan(
        basePackages = "dev.taskmesh.query",
        excludeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = QuerySideConfiguration.class))
public class QuerySideConfiguration {}
