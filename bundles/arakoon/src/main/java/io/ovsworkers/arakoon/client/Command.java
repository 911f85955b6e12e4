package io.ovsworkers.arakoon.client;

import java.io.IOException;

/**
 * One encoded request and how to read its reply.
 *
 * @param name the command's name, for messages
 * @param request the request bytes, opcode word included
 * @param route which node may serve it
 * @param idempotent whether it may be sent again when its outcome is unknown
 * @param reader reads the reply payload that follows result code 0
 */
record Command<T>(String name, byte[] request, Route route, boolean idempotent, ReplyReader<T> reader) {

    /** Which node may serve a command. */
    enum Route {
        /** Only the master: writes and consistent reads. */
        MASTER,
        /** Any node: reads with no guarantees or at-least consistency. */
        ANY_NODE,
        /** The node it is sent to: information about that node. */
        THIS_NODE
    }

    @FunctionalInterface
    interface ReplyReader<T> {
        T read(WireReader in) throws IOException;
    }

    /** Reads a whole reply: the result code, then the payload or the error message. */
    T readReply(WireReader in) throws IOException {
        int rc = in.int32();
        if (rc == 0) {
            return reader.read(in);
        }
        if (rc == 0x01) {
            throw new ArakoonNoMagicException(new byte[0]);
        }
        throw ArakoonServerException.of(rc, in.string());
    }
}
