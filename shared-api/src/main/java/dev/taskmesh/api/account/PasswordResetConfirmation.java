package dev.taskmesh.api.account;

/** The body of {@code POST /api/auth/password-reset/confirm}: the link's token and the new password. */
public record PasswordResetConfirmation(String token, String newPassword) {

    @Override
    public String toString() {
        return "PasswordResetConfirmation[***]";
    }
}
