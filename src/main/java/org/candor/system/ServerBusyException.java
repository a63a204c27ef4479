package org.candor.system;

/** As many request bodies as {@code candor.edge.max-body-reads} allows are being read already. */
public class ServerBusyException extends RuntimeException {
    public ServerBusyException() {
        super("The service is reading as many requests as it takes at once; try again shortly.");
    }
}
