package dev.taskmesh.api.account;

/** The body of {@code POST /api/auth/verify-email}: the token of the link sent to the address. */
public record EmailVerification(String token) {

    @Override
    public String toString() {
        return "EmailVerification[***]";
    }
}
