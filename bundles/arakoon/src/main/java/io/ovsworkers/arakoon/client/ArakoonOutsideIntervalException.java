package io.ovsworkers.arakoon.client;

/** Result code 0x09 OUTSIDE_INTERVAL: the key lies outside this cluster's interval (nursery sharding). */
public class ArakoonOutsideIntervalException extends ArakoonServerException {
    private static final long serialVersionUID = 1L;

    public ArakoonOutsideIntervalException(byte[] serverMessage) {
        super(0x09, serverMessage);
    }
}
