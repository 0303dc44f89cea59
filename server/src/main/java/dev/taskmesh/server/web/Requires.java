package dev.taskmesh.server.web;

import dev.taskmesh.api.workspace.Permission;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a handler under {@code /api/workspaces/{ws}} needs; READ when absent. Checked by
 * WorkspaceAccessInterceptor before the body is read, which keeps the 404 → 403 → 400 order.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {
    Permission value();
}
