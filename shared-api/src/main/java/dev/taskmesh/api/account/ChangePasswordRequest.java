package dev.taskmesh.api.account;

/** The body of {@code PUT /api/users/me/password}. */
public record ChangePasswordRequest(String currentPassword, String newPassword) {

    @Override
    public String toString() {
        return "ChangePasswordRequest[***]";
    }
}
