package dev.taskmesh.api.account;

public record RegisterRequest(String email, String handle, String displayName, String password) {

    /** Records print every component, and frameworks log what they read at debug level: never the password. */
    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", handle=" + handle + "]";
    }
}
