package io.ovsworkers.arakoon.internal;

import io.ovsworkers.arakoon.client.ArakoonAssertionFailedException;
import io.ovsworkers.arakoon.client.ArakoonClient;
import io.ovsworkers.arakoon.client.ArakoonException;
import io.ovsworkers.arakoon.client.ArakoonNotFoundException;
import io.ovsworkers.arakoon.client.ArakoonOutcomeUnknownException;
import io.ovsworkers.arakoon.client.ArakoonValueTooLargeException;
import io.ovsworkers.arakoon.client.Consistency;
import io.ovsworkers.arakoon.client.Update;
import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.KeyValueOperation;
import io.ovsworkers.spi.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;

/**
 * {@link KeyValueStore} on Arakoon: compare-and-set is TEST_AND_SET, a transaction is one SEQUENCE whose assert
 * steps guard its writes. Keys are UTF-8; reads are consistent (served by the master).
 */
@Component(service = KeyValueStore.class)
@ServiceRanking(0)
public final class ArakoonKeyValueStore implements KeyValueStore {

    @Reference
    private ArakoonConnector connector;

    public ArakoonKeyValueStore() {
    }

    ArakoonKeyValueStore(ArakoonConnector connector) {
        this.connector = connector;
    }

    private ArakoonClient client() {
        return connector.client();
    }

    private static byte[] utf8(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<byte[]> get(String key) {
        return call("get " + key, () -> client().find(Consistency.CONSISTENT, utf8(key)));
    }

    @Override
    public void set(String key, byte[] value) {
        call("set " + key, () -> {
            client().set(utf8(key), value);
            return null;
        });
    }

    @Override
    public boolean delete(String key) {
        return call("delete " + key, () -> client().replace(utf8(key), null).isPresent());
    }

    /**
     * When the outcome of the TEST_AND_SET is unknown (no reply), the key is read back: holding {@code update} means
     * it was applied, still holding {@code expected} means it was not and it is tried again, anything else means
     * another writer came first.
     */
    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] update) {
        return call("compare-and-set " + key, () -> {
            while (true) {
                try {
                    return Arrays.equals(client().testAndSet(utf8(key), expected, update).orElse(null), expected);
                } catch (ArakoonOutcomeUnknownException e) {
                    byte[] now = client().find(Consistency.CONSISTENT, utf8(key)).orElse(null);
                    if (Arrays.equals(now, update)) {
                        return true;
                    }
                    if (!Arrays.equals(now, expected)) {
                        return false;
                    }
                }
            }
        });
    }

    @Override
    public List<String> keys(String prefix, int max) {
        return call("keys " + prefix, () -> client().prefixKeys(Consistency.CONSISTENT, utf8(prefix), max).stream()
                .map(k -> new String(k, StandardCharsets.UTF_8)).toList());
    }

    @Override
    public boolean commit(List<KeyValueOperation> operations) {
        List<Update> steps = new ArrayList<>(operations.size());
        for (KeyValueOperation op : operations) {
            steps.add(step(op));
        }
        return call("commit of " + operations.size() + " operations", () -> {
            try {
                client().sequence(steps);
                return true;
            } catch (ArakoonAssertionFailedException | ArakoonNotFoundException e) {
                return false;
            }
        });
    }

    private static Update step(KeyValueOperation op) {
        if (op instanceof KeyValueOperation.AssertValue a) {
            return Update.assertValue(utf8(a.key()), a.expected());
        }
        if (op instanceof KeyValueOperation.AssertExists a) {
            return Update.assertExists(utf8(a.key()));
        }
        if (op instanceof KeyValueOperation.Set s) {
            return Update.set(utf8(s.key()), s.value());
        }
        return Update.delete(utf8(((KeyValueOperation.Delete) op).key()));
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ArakoonValueTooLargeException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        } catch (ArakoonException e) {
            throw new BackendException("Arakoon " + what + " failed: " + e.getMessage(), e);
        }
    }
}
