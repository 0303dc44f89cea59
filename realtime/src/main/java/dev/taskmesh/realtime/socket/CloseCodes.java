package dev.taskmesh.realtime.socket;

import org.springframework.web.socket.CloseStatus;

/** The close codes of docs/realtime.md; every part of the server that closes a connection uses these. */
public final class CloseCodes {

    public static final CloseStatus POLICY = CloseStatus.POLICY_VIOLATION;
    public static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS;
    public static final CloseStatus RESTART = CloseStatus.SERVICE_RESTARTED;
    public static final CloseStatus TRY_LATER = CloseStatus.SERVICE_OVERLOAD;
    public static final CloseStatus UNAUTHENTICATED = new CloseStatus(4401, "unauthenticated");
    public static final CloseStatus FORBIDDEN = new CloseStatus(4403, "forbidden");
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4408, "slow consumer");
    public static final CloseStatus LIMITED = new CloseStatus(4429, "rate or connection limit");

    private CloseCodes() {}
}
