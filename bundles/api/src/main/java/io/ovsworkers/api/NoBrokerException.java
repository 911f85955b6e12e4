package io.ovsworkers.api;

/** An asynchronous call was made while no broker serves this node. */
public class NoBrokerException extends OvsWorkersException {
    private static final long serialVersionUID = 1L;

    public NoBrokerException(String taskName) {
        super("Cannot send task '" + taskName + "' to workers: no broker is available on this node"
                + " (install the embedded feature or configure io.ovsworkers.broker.rabbitmq); call or apply runs it inline");
    }
}
