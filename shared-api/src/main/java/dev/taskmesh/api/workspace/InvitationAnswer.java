package dev.taskmesh.api.workspace;

/**
 * The body of {@code POST /api/invitations/{id}/accept} and {@code …/decline}: the token of the emailed link, or none
 * when the caller's verified address is the invited one.
 */
public record InvitationAnswer(String token) {

    @Override
    public String toString() {
        return "InvitationAnswer[***]";
    }
}
