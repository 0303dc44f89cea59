package dev.taskmesh.api.account;

/** Body of refresh and logout: the refresh token from the last login or refresh. */
public record RefreshRequest(String refreshToken) {

    /** Records print every component, and frameworks log what they read at debug level: never the token. */
    @Override
    public String toString() {
        return "RefreshRequest[]";
    }
}
