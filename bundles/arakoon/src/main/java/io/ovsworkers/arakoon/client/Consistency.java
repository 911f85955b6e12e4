package io.ovsworkers.arakoon.client;

/**
 * How fresh a read must be. {@link #CONSISTENT} reads are served by the master only; {@link #NO_GUARANTEES} and
 * {@link #atLeast(long)} reads may be served by any node, a slave possibly returning an older value (or, for
 * {@code atLeast}, refusing with {@link ArakoonInconsistentReadException} until it has applied that txid).
 */
public sealed interface Consistency {

    Consistency CONSISTENT = new Consistent();
    Consistency NO_GUARANTEES = new NoGuarantees();

    /** The read must see at least the store as of txid {@code txid} (for example one from {@link ArakoonClient#getTxid()}). */
    static AtLeast atLeast(long txid) {
        return new AtLeast(txid);
    }

    /** The tag byte on the wire; only these three values exist. */
    byte tag();

    record Consistent() implements Consistency {
        @Override
        public byte tag() {
            return 0;
        }
    }

    record NoGuarantees() implements Consistency {
        @Override
        public byte tag() {
            return 1;
        }
    }

    record AtLeast(long txid) implements Consistency {
        public AtLeast {
            if (txid < 0) {
                throw new IllegalArgumentException("txid must not be negative, was " + txid);
            }
        }

        @Override
        public byte tag() {
            return 2;
        }
    }
}
