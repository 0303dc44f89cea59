package dev.taskmesh.api.account;

/** The body of {@code DELETE /api/users/me}: the password, so a borrowed session cannot erase an account. */
public record EraseAccountRequest(String password) {

    @Override
    public String toString() {
        return "EraseAccountRequest[***]";
    }
}
