package io.ovsworkers.arakoon.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Decodes the STATISTICS blob: a tree of named values. */
final class Statistics {
    private static final int MAX_DEPTH = 16;

    private Statistics() {
    }

    static NamedValue decode(byte[] blob) throws IOException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(blob);
        NamedValue root = node(new WireReader(bytes), 0);
        if (bytes.available() != 0) {
            throw new ArakoonProtocolException(bytes.available() + " bytes left after the statistics tree");
        }
        return root;
    }

    private static NamedValue node(WireReader in, int depth) throws IOException {
        int type = in.int32();
        String name = in.utf8();
        return switch (type) {
            case 1 -> new NamedValue(name, in.int32());
            case 2 -> new NamedValue(name, in.int64());
            case 3 -> new NamedValue(name, in.float64());
            case 4 -> new NamedValue(name, in.utf8());
            case 5 -> {
                if (depth >= MAX_DEPTH) {
                    throw new ArakoonProtocolException("statistics nested deeper than " + MAX_DEPTH);
                }
                int n = in.count();
                List<NamedValue> children = new ArrayList<>(Math.min(n, 256));
                for (int i = 0; i < n; i++) {
                    children.add(node(in, depth + 1));
                }
                yield new NamedValue(name, children);
            }
            default -> throw new ArakoonProtocolException("statistics value type " + type + " is unknown");
        };
    }
}
