package io.daas.builder.detect;

/** A HEALTHCHECK that only calls a tool its runtime image really has; a TCP connect to $PORT. */
public enum Healthcheck {
    /** Node images: node itself. */
    NODE("node -e \"require('net').connect(process.env.PORT,'127.0.0.1')"
            + ".on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))\""),
    /** Python images: python3 itself. */
    PYTHON("python3 -c \"import os,socket; socket.create_connection(('127.0.0.1', int(os.environ['PORT'])), 3)\""),
    /** Debian and Ubuntu based images: bash's /dev/tcp. */
    BASH("bash -c \"exec 3<>/dev/tcp/127.0.0.1/$PORT\""),
    /** Busybox: its wget applet. */
    WGET("wget -q -O /dev/null http://127.0.0.1:$PORT/"),
    /** Images without a shell (distroless): no health check at all. */
    NONE(null);

    private final String command;

    Healthcheck(String command) {
        this.command = command;
    }

    /** The HEALTHCHECK instruction, or null for NONE. */
    String instruction() {
        return command == null
                ? null
                : "HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD " + command
                        + " || exit 1";
    }
}
