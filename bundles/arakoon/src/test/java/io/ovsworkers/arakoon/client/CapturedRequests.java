package io.ovsworkers.arakoon.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads captured request bytes back into the client {@link Command} that should produce them, so a test can check
 * that the client's encoding of the same operation equals the capture. Requests no client call produces (admin
 * commands, malformed bytes, user functions inside a sequence, ...) come back with the reason instead.
 */
final class CapturedRequests {

    /** One request found in the bytes: the command that should encode it, or why there is none. */
    record Parsed(int opcode, byte[] bytes, Command<?> command, String notAClientRequest) {
    }

    private static final class NotClient extends Exception {
        private static final long serialVersionUID = 1L;

        NotClient(String reason) {
            super(reason);
        }
    }

    private static final class Cursor {
        final byte[] b;
        int pos;

        Cursor(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        int int32() {
            int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
            pos += 4;
            return v;
        }

        long int64() {
            return (int32() & 0xffffffffL) | (long) int32() << 32;
        }

        int u8() {
            return b[pos++] & 0xff;
        }

        boolean bool() throws NotClient {
            int v = u8();
            if (v > 1) {
                throw new NotClient("malformed: bool byte " + v);
            }
            return v == 1;
        }

        byte[] string() {
            int n = int32();
            byte[] s = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return s;
        }

        String utf8() {
            return new String(string(), StandardCharsets.UTF_8);
        }

        byte[] option() throws NotClient {
            int flag = u8();
            if (flag > 1) {
                throw new NotClient("malformed: option flag " + flag);
            }
            return flag == 1 ? string() : null;
        }

        List<byte[]> list() {
            int n = int32();
            List<byte[]> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                l.add(string());
            }
            return l;
        }

        Consistency consistency() throws NotClient {
            int tag = u8();
            return switch (tag) {
                case 0 -> Consistency.CONSISTENT;
                case 1 -> Consistency.NO_GUARANTEES;
                case 2 -> Consistency.atLeast(int64());
                default -> throw new NotClient("malformed: consistency tag " + tag);
            };
        }
    }

    private CapturedRequests() {
    }

    static List<Parsed> parse(byte[] bytes) {
        List<Parsed> parsed = new ArrayList<>();
        Cursor c = new Cursor(bytes, 0);
        while (c.pos < bytes.length) {
            int start = c.pos;
            int word = c.int32();
            int opcode = word & 0xffff;
            Command<?> command;
            String why = null;
            try {
                if ((word & 0xffff0000) != Commands.MAGIC) {
                    throw new NotClient("command word without magic");
                }
                command = command(opcode, c);
            } catch (NotClient e) {
                command = null;
                why = e.getMessage();
            }
            if (command == null) {
                parsed.add(new Parsed(opcode, Arrays.copyOfRange(bytes, start, bytes.length), null, why));
                return parsed;
            }
            parsed.add(new Parsed(opcode, Arrays.copyOfRange(bytes, start, c.pos), command, null));
        }
        return parsed;
    }

    private static Command<?> command(int opcode, Cursor c) throws NotClient {
        return switch (opcode) {
            case Commands.PING -> Commands.ping(c.utf8(), c.utf8());
            case Commands.WHO_MASTER -> Commands.whoMaster();
            case Commands.EXISTS -> Commands.exists(c.consistency(), c.string());
            case Commands.GET -> Commands.get(c.consistency(), c.string());
            case Commands.SET -> Commands.set(c.string(), c.string());
            case Commands.DELETE -> Commands.delete(c.string());
            case Commands.RANGE -> Commands.range(c.consistency(), c.option(), c.bool(), c.option(), c.bool(), c.int32());
            case Commands.PREFIX_KEYS -> Commands.prefixKeys(c.consistency(), c.string(), c.int32());
            case Commands.TEST_AND_SET -> Commands.testAndSet(c.string(), c.option(), c.option());
            case Commands.RANGE_ENTRIES ->
                    Commands.rangeEntries(c.consistency(), c.option(), c.bool(), c.option(), c.bool(), c.int32());
            case Commands.SEQUENCE, Commands.SYNCED_SEQUENCE -> {
                Cursor blob = new Cursor(c.string(), 0);
                if (blob.int32() != 5) {
                    throw new NotClient("sequence blob whose top update is not a Sequence");
                }
                yield Commands.sequence(steps(blob), opcode == Commands.SYNCED_SEQUENCE);
            }
            case Commands.MULTI_GET -> Commands.multiGet(c.consistency(), c.list());
            case Commands.EXPECT_PROGRESS_POSSIBLE -> Commands.expectProgressPossible();
            case Commands.STATISTICS -> Commands.statistics();
            case Commands.USER_FUNCTION -> Commands.userFunction(c.utf8(), c.option());
            case Commands.ASSERT -> Commands.assertValue(c.consistency(), c.string(), c.option());
            case Commands.GET_KEY_COUNT -> Commands.getKeyCount();
            case Commands.CONFIRM -> Commands.confirm(c.string(), c.string());
            case Commands.REV_RANGE_ENTRIES ->
                    Commands.revRangeEntries(c.consistency(), c.option(), c.bool(), c.option(), c.bool(), c.int32());
            case Commands.DELETE_PREFIX -> Commands.deletePrefix(c.string());
            case Commands.VERSION -> Commands.version();
            case Commands.ASSERT_EXISTS -> Commands.assertExists(c.consistency(), c.string());
            case Commands.MULTI_GET_OPTION -> Commands.multiGetOption(c.consistency(), c.list());
            case Commands.CURRENT_STATE -> Commands.currentState();
            case Commands.REPLACE -> Commands.replace(c.string(), c.option());
            case Commands.NOP -> Commands.nop();
            case Commands.GET_TXID -> Commands.getTxid();
            default -> throw new NotClient("opcode 0x" + Integer.toHexString(opcode)
                    + " is an admin/internal command or unknown");
        };
    }

    private static List<Update> steps(Cursor c) throws NotClient {
        int n = c.int32();
        List<Update> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int tag = c.int32();
            steps.add(switch (tag) {
                case 1 -> Update.set(c.string(), c.string());
                case 2 -> Update.delete(c.string());
                case 3 -> Update.testAndSet(c.string(), c.option(), c.option());
                case 5 -> Update.sequence(steps(c));
                case 6 -> Update.nop();
                case 7 -> throw new NotClient("user function inside a sequence (the client never sends one)");
                case 8 -> Update.assertValue(c.string(), c.option());
                case 14 -> Update.deletePrefix(c.string());
                case 15 -> Update.assertExists(c.string());
                case 16 -> Update.replace(c.string(), c.option());
                case 17 -> {
                    byte[] prefix = c.string();
                    c.int32();
                    List<byte[]> wire = c.list();
                    for (int k = 1; k < wire.size(); k++) {
                        if (Arrays.compareUnsigned(wire.get(k - 1), wire.get(k)) <= 0) {
                            throw new NotClient("AssertRange keys not descending on the wire (the Python client's"
                                    + " bug; the server then fails the assert)");
                        }
                    }
                    yield Update.assertRange(prefix, wire);
                }
                default -> throw new NotClient("update tag " + tag);
            });
        }
        return steps;
    }
}
