package dev.taskmesh.api.account;

public record LoginRequest(String email, String password) {

    /** Records print every component, and frameworks log what they read at debug level: never the password. */
    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
