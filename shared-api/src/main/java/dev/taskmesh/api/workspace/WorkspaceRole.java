package dev.taskmesh.api.workspace;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a member may do in a workspace; declared from most to least powerful. */
public enum WorkspaceRole {
    OWNER,
    ADMIN,
    MEMBER,
    VIEWER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but the four wire names */
    @JsonCreator
    public static WorkspaceRole fromWireName(String wireName) {
        for (WorkspaceRole role : values()) {
            if (role.wireName().equals(wireName)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role: " + wireName);
    }

    /** The permission table: viewers read, members also write, admins and owners also manage. */
    public boolean allows(Permission permission) {
        return switch (permission) {
            case READ -> true;
            case WRITE -> this != VIEWER;
            case MANAGE -> this == OWNER || this == ADMIN;
        };
    }
}
