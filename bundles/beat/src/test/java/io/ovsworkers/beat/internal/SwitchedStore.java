package io.ovsworkers.beat.internal;

import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.KeyValueOperation;
import io.ovsworkers.spi.KeyValueStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** A store behind a switch that makes every call fail while it is down, as an unreachable Arakoon cluster does. */
record SwitchedStore(KeyValueStore store, AtomicBoolean down) implements KeyValueStore {

    private void check() {
        if (down.get()) {
            throw new BackendException("Arakoon cluster unreachable");
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        check();
        return store.get(key);
    }

    @Override
    public void set(String key, byte[] value) {
        check();
        store.set(key, value);
    }

    @Override
    public boolean delete(String key) {
        check();
        return store.delete(key);
    }

    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] update) {
        check();
        return store.compareAndSet(key, expected, update);
    }

    @Override
    public List<String> keys(String prefix, int max) {
        check();
        return store.keys(prefix, max);
    }

    @Override
    public boolean commit(List<KeyValueOperation> operations) {
        check();
        return store.commit(operations);
    }
}
