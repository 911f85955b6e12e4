package io.ovsworkers.arakoon.client;

import java.nio.charset.StandardCharsets;

/**
 * The server answered with a non-zero result code. Each code the 1.9 server defines has its own subclass; a code
 * it does not define arrives as this class itself. Do not match on {@link #serverMessage()}: the server's texts
 * vary for one code.
 */
public class ArakoonServerException extends ArakoonException {
    private static final long serialVersionUID = 1L;

    private final int resultCode;
    private final byte[] serverMessage;

    public ArakoonServerException(int resultCode, byte[] serverMessage) {
        super(describe(resultCode, serverMessage));
        this.resultCode = resultCode;
        this.serverMessage = serverMessage.clone();
    }

    private static String describe(int resultCode, byte[] message) {
        return "Arakoon result code 0x" + Integer.toHexString(resultCode) + ": "
                + new String(message, StandardCharsets.UTF_8);
    }

    public int resultCode() {
        return resultCode;
    }

    /** The message the server sent with the code, as raw bytes (for NOT_FOUND on a key: the key). */
    public byte[] serverMessage() {
        return serverMessage.clone();
    }

    /** The message decoded as UTF-8 (Arakoon's messages are ASCII or the key that caused them). */
    public String serverMessageText() {
        return new String(serverMessage, StandardCharsets.UTF_8);
    }

    /**
     * Whether the server keeps the connection after this code. It closes it after every code except
     * NOT_FOUND, ASSERTION_FAILED, NO_LONGER_MASTER, BAD_INPUT and INCONSISTENT_READ.
     */
    public boolean connectionKept() {
        return keepsConnection(resultCode);
    }

    static boolean keepsConnection(int resultCode) {
        return resultCode == 0x05 || resultCode == 0x07 || resultCode == 0x21 || resultCode == 0x26
                || resultCode == 0x80;
    }

    /** The typed exception for a result code and its message. */
    static ArakoonServerException of(int resultCode, byte[] message) {
        return switch (resultCode) {
            case 0x01 -> new ArakoonNoMagicException(message);
            case 0x03 -> new ArakoonNoHelloException(message);
            case 0x04 -> new ArakoonNotMasterException(message);
            case 0x05 -> new ArakoonNotFoundException(message);
            case 0x06 -> new ArakoonWrongClusterException(message);
            case 0x07 -> new ArakoonAssertionFailedException(message);
            case 0x08 -> new ArakoonReadOnlyException(message);
            case 0x09 -> new ArakoonOutsideIntervalException(message);
            case 0x10 -> new ArakoonGoingDownException(message);
            case 0x20 -> new ArakoonNotSupportedException(message);
            case 0x21 -> new ArakoonNoLongerMasterException(message);
            case 0x26 -> new ArakoonBadInputException(message);
            case 0x80 -> new ArakoonInconsistentReadException(message);
            case 0x81 -> new ArakoonUserFunctionFailureException(message);
            case 0x82 -> new ArakoonUserHookNotFoundException(message);
            case 0xfe -> new ArakoonMaxConnectionsException(message);
            case 0xff -> new ArakoonUnknownFailureException(message);
            default -> new ArakoonServerException(resultCode, message);
        };
    }
}
